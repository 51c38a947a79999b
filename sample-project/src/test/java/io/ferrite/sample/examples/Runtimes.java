package io.ferrite.sample.examples;

import io.ferrite.Future;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.time.VirtualTimeSource;

/** Runs examples on a current-thread runtime with a clock that jumps to the next timer when idle. */
final class Runtimes {

    private Runtimes() {
    }

    /** A current-thread runtime on {@code clock}, which should be auto-advancing. */
    static AsyncRuntime virtual(VirtualTimeSource clock) {
        return AsyncRuntime.currentThread().timeSource(clock).build();
    }

    /** Runs {@code future} to completion on a fresh virtual-clock runtime. */
    static <T> T blockOnVirtual(Future<T> future) {
        try (AsyncRuntime rt = virtual(VirtualTimeSource.autoAdvancing())) {
            return rt.blockOn(future);
        }
    }
}
