// a blocking call in an @Async method: a javac-style WARNING at the exact spot, yet the class was transformed and runs.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
def line = log.diagnostic(basedir, '[WARNING] src/main/java/warn/Reports.java:[13,16] Thread.sleep() is called in method render(Future) of class warn.Reports, an async body',
        '        Thread.sleep(0);',
        '               ^')
assert line.contains('Use await(Time.sleep(duration))') : line
def lines = new File(basedir, 'build.log').readLines()
assert lines.any { it ==~ /\[INFO\] ferrite: 1 class scanned, 1 transformed \(1 method\), 0 unchanged, \d+ ms/ }
assert lines.contains('report: ok')
assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/classes/warn/Reports$render$Async.class').isFile()
assert new String(new File(basedir, 'target/classes/warn/Reports.class').bytes, 'ISO-8859-1').contains('io/ferrite/internal/Transformed')
