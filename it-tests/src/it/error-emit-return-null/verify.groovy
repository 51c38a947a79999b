// a generator that returns null rather than AsyncStream.empty() or another stream: the build failed at the exact spot, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[12,13] the generator method words(boolean) of class bad.Bad returns null',
        '            return null;',
        '            ^')
