// an @Async method that does not return io.ferrite.Future: the build failed at the exact spot, javac style, and wrote nothing.
def log = evaluate(new File(basedir, '../it-parent/build-log.groovy'))
log.buildError(basedir, '[ERROR] src/main/java/bad/Bad.java:[10,31] @Async method',
        '    CompletableFuture<String> load(CompletableFuture<String> f) {',
        '                              ^',
        'returns java.util.concurrent.CompletableFuture, but an @Async method must declare io.ferrite.Future<T>')
