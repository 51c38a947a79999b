// emit inside a synchronized block of a generator: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[17,17] emit() is called inside a synchronized block',
        '                emit(item);',
        '                ^')
