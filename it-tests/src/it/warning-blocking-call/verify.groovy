// a blocking call in an @Async method: a javac-style WARNING at the exact spot, yet the class was transformed and runs.
def lines = new File(basedir, 'build.log').readLines()
def i = lines.findIndexOf { it.startsWith('[WARNING] src/main/java/warn/Reports.java:[13,16] Thread.sleep() is called in method render(Future) of class warn.Reports (Reports.java:13), an async body') }
assert i >= 0 : lines.findAll { it.contains('Reports.java') }
assert lines[i].contains('Use await(Time.sleep(duration))')
assert lines[i + 1] == '        Thread.sleep(0);'
assert lines[i + 2] == '               ^'
assert lines.any { it ==~ /\[INFO\] ferrite: 1 classes scanned, 1 transformed \(1 methods\), 0 unchanged, \d+ ms/ }
assert lines.contains('report: ok')
assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/classes/warn/Reports$render$Async.class').isFile()
assert new String(new File(basedir, 'target/classes/warn/Reports.class').bytes, 'ISO-8859-1').contains('io/ferrite/internal/Transformed')
