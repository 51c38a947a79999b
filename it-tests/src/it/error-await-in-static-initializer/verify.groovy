// an await in a static initializer: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[11,17] await() is called in the static initializer of class bad.Bad',
        '        VALUE = await(Future.ready("config"));',
        '                ^')
