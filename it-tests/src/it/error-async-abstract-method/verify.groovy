// @Async on an abstract method: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[10,29] @Async method',
        '    abstract Future<String> find(int id);',
        '                            ^',
        'has no body (it is abstract or native)')
