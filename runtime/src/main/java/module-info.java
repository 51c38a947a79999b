/**
 * Ferrite's runtime: {@link io.ferrite.Future} and {@link io.ferrite.Await}, the executor
 * ({@link io.ferrite.runtime.AsyncRuntime}), timers, sync primitives, channels, streams and
 * non-blocking I/O.
 *
 * <p>The module is named {@code io.ferrite.runtime} after its artifact, {@code ferrite-runtime}:
 * the name {@code io.ferrite} would read as the parent of {@code io.ferrite.annotations} and of
 * the build-time modules, which it is not. A user module needs only
 * {@code requires io.ferrite.runtime;}: the annotations come with it.
 *
 * <p>What is exported is Ferrite's API, plus {@code io.ferrite.internal}, which generated state
 * machines link against (see its package-info: exported for generated code only, not API). The
 * engine packages are not exported, whatever their members' modifiers say:
 * {@code io.ferrite.runtime.scheduler} (tasks, workers, the timer wheel),
 * {@code io.ferrite.runtime.driver} (the I/O driver), {@code io.ferrite.internal.sync} (the wait
 * list and child wakers several primitives share) and {@code io.ferrite.internal.access} (the
 * doors between packages). The jar stays a plain jar for class-path users, who see every
 * package as before.
 */
module io.ferrite.runtime {
    requires transitive io.ferrite.annotations;

    exports io.ferrite;
    exports io.ferrite.runtime;
    exports io.ferrite.time;
    exports io.ferrite.sync;
    exports io.ferrite.channel;
    exports io.ferrite.stream;
    exports io.ferrite.net;
    exports io.ferrite.io;
    exports io.ferrite.fs;
    exports io.ferrite.internal;
}
