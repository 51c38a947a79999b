// an await in a lambda whose interface does not return io.ferrite.Future: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[10,22] await() is called in a lambda in method later of class bad.Bad',
        '        return () -> await(f);',
        '                     ^')
