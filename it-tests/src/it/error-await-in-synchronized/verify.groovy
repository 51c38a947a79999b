// an await inside a synchronized block of an @Async method: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[12,24] await() is called inside a synchronized block',
        '            String v = await(f);',
        '                       ^')
