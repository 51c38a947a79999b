// an await in a finally block of an @Async method: a javac-style WARNING at the exact spot naming the
// remedy, yet the class was transformed and runs.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
def line = log.diagnostic(basedir, '[WARNING] src/main/java/warn/Cleanup.java:[15,13] await() is called in a finally block in method fetch(Future, Future) of class warn.Cleanup',
        '            await(close);',
        '            ^')
assert line.contains('Futures.uncancellable') : line
def lines = new File(basedir, 'build.log').readLines()
assert lines.contains('fetched: ok')
assert lines.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/classes/warn/Cleanup$fetch$Async.class').isFile()
