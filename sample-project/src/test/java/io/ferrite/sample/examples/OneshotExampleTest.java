package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.Task.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.Oneshot;
import io.ferrite.time.Elapsed;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The examples of {@link Oneshot}. */
class OneshotExampleTest {

    record Request(String what, Oneshot.Sender<Integer> replyTo) {
    }

    int computeSize() {
        return 42;
    }

    @Async
    Future<Void> server(Mpsc.Receiver<Request> requests) {
        for (Request request; (request = await(requests.recv())) != null; ) {
            // --- the server side of the class example ---
            try (Oneshot.Sender<Integer> replyTo = request.replyTo()) {
                replyTo.send(computeSize());
            }
            // ---
        }
        return Future.ready(null);
    }

    @Async
    Future<Integer> ask(Mpsc.Sender<Request> requests) {
        // --- the client side of the class example ---
        Oneshot.Channel<Integer> reply = Oneshot.channel();
        await(requests.send(new Request("size", reply.sender())));
        Integer size = await(reply.receiver());      // null if the server dropped the request
        // ---
        return Future.ready(size);
    }

    @Async
    Future<Integer> askAndStop() {
        Mpsc.Channel<Request> requests = Mpsc.channel(8);
        spawn(server(requests.receiver()));
        try (Mpsc.Sender<Request> tx = requests.sender()) {
            return Future.ready(await(ask(tx)));
        }
    }

    @Test
    void ask_should_receive_the_server_reply_through_the_oneshot() {
        assertEquals(42, Runtimes.blockOnVirtual(askAndStop()));
    }

    @Async
    Future<Integer> askWithoutAwaitingTheSend(Mpsc.Sender<Request> requests) {
        Oneshot.Channel<Integer> reply = Oneshot.channel();
        requests.send(new Request("size", reply.sender()));   // a lazy future, never polled: nothing is sent
        return Future.ready(await(Time.timeout(Duration.ofSeconds(1), reply.receiver())));
    }

    @Async
    Future<Integer> askWithoutAwaitingTheSendAndStop() {
        Mpsc.Channel<Request> requests = Mpsc.channel(8);
        spawn(server(requests.receiver()));
        try (Mpsc.Sender<Request> tx = requests.sender()) {
            return Future.ready(await(askWithoutAwaitingTheSend(tx)));
        }
    }

    /** Why the javadoc awaits the send: a bounded channel's send is a future, lazy like any other. */
    @Test
    void ask_should_wait_forever_when_the_send_is_not_awaited() {
        assertThrows(Elapsed.class, () -> Runtimes.blockOnVirtual(askWithoutAwaitingTheSendAndStop()));
    }

    // --- the example of Sender.closed() ---

    final AtomicBoolean computeCancelled = new AtomicBoolean();

    @Async
    Future<Integer> compute() {
        try {
            await(Time.sleep(Duration.ofSeconds(10)));
        } finally {
            computeCancelled.set(true);
        }
        return Future.ready(7);
    }

    @Async
    Future<Void> answer(Oneshot.Sender<Integer> replyTo) {
        await(Futures.Select.<Void>biased()
                .on(replyTo.closed(), gone -> null)
                .on(compute(), v -> { replyTo.send(v); return null; }));
        return Future.ready(null);
    }

    @Async
    Future<Void> giveUpWaiting() {
        Oneshot.Channel<Integer> reply = Oneshot.channel();
        var answering = spawn(answer(reply.sender()));
        await(Time.sleep(Duration.ofSeconds(1)));
        reply.receiver().close();                      // the asker gives up
        await(answering);
        return Future.ready(null);
    }

    @Test
    void closed_should_stop_the_computation_when_the_receiver_gives_up() {
        Runtimes.blockOnVirtual(giveUpWaiting());
        assertTrue(computeCancelled.get());
    }

    // --- the example of Oneshot.Receiver.close ---

    String shutDown(Oneshot.Receiver<String> reply) {
        reply.close();                     // shutting down: no new reply is wanted
        String last = reply.tryRecv();     // but one that already arrived is not lost
        return last;
    }

    // --- end of the example ---

    @Test
    void shutDown_should_keep_a_reply_that_had_already_arrived() {
        Oneshot.Channel<String> arrived = Oneshot.channel();
        arrived.sender().send("done");
        assertEquals("done", shutDown(arrived.receiver()));

        Oneshot.Channel<String> pending = Oneshot.channel();
        assertEquals(null, shutDown(pending.receiver()));
        assertTrue(pending.sender().send("too late").isClosed());
    }
}
