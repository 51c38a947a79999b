// Await::await used as a method reference: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[11,16] Await::await is used as a method reference',
        '        return Await::await;',
        '               ^')
