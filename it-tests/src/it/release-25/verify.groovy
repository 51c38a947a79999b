def log = new File(basedir, 'build.log').text
assert log =~ /ferrite: 5 classes scanned, 1 transformed \(2 methods\), 4 unchanged/
assert log.contains('big circle m')
assert log.contains('circle r=2.0 m')
assert log.contains('flat rect m2')
assert log.contains('rect 6.0 m2')
assert log.contains('pair 60.0')
// Class file version 69 (Java 25) was kept.
def bytes = new File(basedir, 'target/classes/modern/Shapes$describe$Async.class').bytes
assert ((bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF)) == 69
