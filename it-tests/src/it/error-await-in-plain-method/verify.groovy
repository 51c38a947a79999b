// an await in a method that is not @Async: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[9,16] await() is called in method fetch(Future) of class bad.Bad',
        '        return await(f);',
        '               ^')
