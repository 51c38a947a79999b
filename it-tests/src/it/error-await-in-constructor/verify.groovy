// an await in a constructor: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[11,22] await() is called in a constructor of class bad.Bad',
        '        this.value = await(f);',
        '                     ^')
