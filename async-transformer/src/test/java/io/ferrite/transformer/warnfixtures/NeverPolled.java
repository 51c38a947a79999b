package io.ferrite.transformer.warnfixtures;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;

class NeverPolled {

    private Future<String> pending;

    static Future<String> send(String to) {
        return Future.ready("sent to " + to);
    }

    @Async
    static Future<Integer> fetch(int id) {
        return Future.ready(id);
    }

    @Async
    static Future<String> dropped() {
        send("a"); // WARNING future-never-polled
        Future<String> unused = send("b"); // WARNING future-never-polled
        fetch(1); // WARNING future-never-polled
        return Future.ready("done");
    }

    @Async
    static Future<Integer> forgotReturn(boolean cached) {
        if (cached) {
            Future.ready(0); // WARNING future-never-polled
        }
        return Future.ready(await(fetch(2)));
    }

    static void plain() {
        send("c"); // WARNING future-never-polled
    }

    static Runnable inLambda() {
        return () -> send("d"); // WARNING future-never-polled
    }

    // Nothing below is reported: every future is polled by someone, or is not lazy.

    @Async
    static Future<String> awaited() {
        String first = await(send("e"));
        Future<String> later = send("f");
        return Future.ready(first + ", " + await(later));
    }

    static Future<String> returned() {
        return send("g");
    }

    static Future<String> storedThenReturned() {
        Future<String> f = send("h");
        return f;
    }

    void storedInField() {
        pending = send("i");
    }

    static JoinHandle<String> spawned() {
        return Task.spawn(send("j"));
    }

    static void spawnedAndDetached() {
        Task.spawn(send("k"));
    }

    static Future<Futures.Join2<String, Integer>> joined() {
        return Futures.join(send("l"), fetch(3));
    }

    static void cancelled(Future<?> f) {
        f.cancel();
    }

    String pending() {
        return String.valueOf(pending);
    }
}
