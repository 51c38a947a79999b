// Both modules were transformed, and app's state machine awaited lib's across the module boundary.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it =~ /ferrite: \d+ class(es)? scanned/ }
assert summaries.count { it =~ /ferrite: 1 class scanned, 1 transformed \(1 method\)/ } == 2 : summaries
assert log.contains('stock: apples=6 kiwis=5')
assert new File(basedir, 'lib/target/classes/lib/Inventory$stock$Async.class').isFile()
assert new File(basedir, 'app/target/classes/app/App$report$Async.class').isFile()
