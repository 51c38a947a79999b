// emit("two") in an AsyncStream<Integer> generator: the build failed at the exact spot naming both types, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[12,9] emit() is given a java.lang.String in method numbers() of class bad.Bad, whose declared item type is java.lang.Integer',
        '        emit("two");',
        '        ^')
