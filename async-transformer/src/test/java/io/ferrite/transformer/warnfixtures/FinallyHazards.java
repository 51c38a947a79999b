package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.annotations.Suppress;
import java.util.List;

class FinallyHazards {

    private final List<String> log;

    FinallyHazards(List<String> log) {
        this.log = log;
    }

    /** Cleanup awaited in finally: skipped when the future is cancelled. */
    @Async
    Future<Integer> awaitInFinally(Future<Integer> work, Future<Void> cleanup) {
        try {
            return Future.ready(await(work));
        } finally {
            await(cleanup); // WARNING await-in-finally
            log.add("cleaned");
        }
    }

    /** The same cleanup, made uncancellable as the warning says: no warning. */
    @Async
    Future<Integer> uncancellableCleanup(Future<Integer> work, Future<Void> cleanup) {
        try {
            return Future.ready(await(work));
        } finally {
            await(Futures.uncancellable(cleanup));
            log.add("cleaned");
        }
    }

    /** Skipping the cleanup on cancellation is intended here. */
    @Async
    @Suppress("await-in-finally")
    Future<Integer> bestEffortCleanup(Future<Integer> work, Future<Void> cleanup) {
        try {
            return Future.ready(await(work));
        } finally {
            await(cleanup);
        }
    }

    /** An await in a catch block, and after the try: not in a finally block. */
    @Async
    Future<Integer> awaitInCatch(Future<Integer> work, Future<Integer> fallback) {
        int value;
        try {
            value = await(work);
        } catch (IllegalStateException e) {
            value = await(fallback);
        }
        return Future.ready(value + await(fallback));
    }

    /** The returned future runs after the finally block: "closed" is logged before its body. */
    @Async
    Future<Integer> returnInTryFinally(Future<Integer> work) {
        try {
            return later(work); // WARNING return-future-in-try
        } finally {
            log.add("closed");
        }
    }

    /** The same with try-with-resources: close() runs before the returned future's body. */
    @Async
    Future<Integer> returnInTryWithResources(Future<Integer> work) {
        try (Resource resource = new Resource(log)) {
            return later(work); // WARNING return-future-in-try
        }
    }

    /** Awaited inside the try: the cleanup follows the work. */
    @Async
    Future<Integer> awaitedInTry(Future<Integer> work) {
        try (Resource resource = new Resource(log)) {
            return Future.ready(await(later(work)));
        } finally {
            log.add("closed");
        }
    }

    /** A ready or failed future holds no work: nothing runs late. */
    @Async
    Future<Integer> readyInTry(Future<Integer> work) {
        try {
            int value = await(work);
            if (value < 0) {
                return Future.failed(new IllegalArgumentException("negative"));
            }
            return Future.ready(value);
        } finally {
            log.add("closed");
        }
    }

    /** A future stored first and returned after the try: nothing is between the try and the work. */
    @Async
    Future<Integer> returnedAfterTry(Future<Integer> work) {
        Future<Integer> next;
        try {
            next = later(work);
        } catch (IllegalStateException e) {
            next = Future.ready(0);
        }
        return next;
    }

    /** Only a catch clause: the return is still inside the try range, nothing runs in between. */
    @Async
    Future<Integer> returnInTryCatch(Future<Integer> work) {
        try {
            return later(work);
        } catch (IllegalStateException e) {
            return Future.ready(-1);
        }
    }

    /** A synchronized block releases its monitor the same way, but it is not a finally block. */
    @Async
    Future<Integer> returnInSynchronized(Future<Integer> work) {
        synchronized (log) {
            return later(work);
        }
    }

    @Async
    Future<Integer> later(Future<Integer> work) {
        log.add("later body");
        return Future.ready(await(work));
    }

    static final class Resource implements AutoCloseable {
        private final List<String> log;

        Resource(List<String> log) {
            this.log = log;
        }

        @Override
        public void close() {
            log.add("closed");
        }
    }
}
