// transform-test rewrote the test class; both tests ran and passed.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it =~ /ferrite: \d+ class(es)? scanned/ }
assert summaries.size() == 2 : summaries
assert summaries[0] =~ /ferrite: 1 class scanned, 1 transformed \(1 method\), 0 unchanged/
assert summaries[1] =~ /ferrite: 1 class scanned, 1 transformed \(1 method\), 0 unchanged/
assert new File(basedir, 'target/test-classes/calc/CalculatorTest$sumOfSums$Async.class').isFile()
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
