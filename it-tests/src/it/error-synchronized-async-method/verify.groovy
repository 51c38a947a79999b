// a synchronized @Async method: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[10,5] @Async method',
        '    synchronized Future<String> locked(Future<String> f) {',
        '    ^',
        'is synchronized: its body runs in later polls')
