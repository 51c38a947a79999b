// Await::await used as a method reference, on the second line of its statement: the class file puts
// it on the statement's first line, yet the build failed at the reference itself, javac style, and
// wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[12,17] Await::await is used as a method reference',
        '                Await::await;',
        '                ^')
