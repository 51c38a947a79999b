package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.emit;

import io.ferrite.annotations.Async;
import io.ferrite.stream.AsyncStream;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

class LockAcrossEmit {

    private final Lock lock = new ReentrantLock();
    private final List<String> items = new java.util.ArrayList<>();

    @Async
    AsyncStream<String> heldAcross() {
        lock.lock(); // WARNING blocking-call-in-async
        try {
            for (String item : items) {
                emit(item); // WARNING lock-held-across-await
            }
        } finally {
            lock.unlock();
        }
        return AsyncStream.empty();
    }

    /** A generator's end inside a try with cleanup is no hazard; a delegate made there is. */
    @Async
    AsyncStream<String> endsInTry(boolean delegate) {
        try {
            emit("a");
            if (delegate) {
                return AsyncStream.of("b", "c"); // WARNING return-future-in-try
            }
            return AsyncStream.empty();
        } finally {
            items.clear();
        }
    }

    @Async
    AsyncStream<String> copiedFirst() {
        List<String> copy;
        lock.lock(); // WARNING blocking-call-in-async
        try {
            copy = List.copyOf(items);
        } finally {
            lock.unlock();
        }
        for (String item : copy) {
            emit(item);
        }
        return AsyncStream.empty();
    }
}
