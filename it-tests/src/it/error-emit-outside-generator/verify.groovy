// emit in an @Async method that returns a Future, not a stream: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[13,9] emit() is called in method notAGenerator(Future) of class bad.Bad, which is not a generator',
        '        emit(v);',
        '        ^')
