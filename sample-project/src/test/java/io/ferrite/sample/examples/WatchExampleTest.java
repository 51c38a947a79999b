package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.SendResult;
import io.ferrite.channel.Watch;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.Time;
import io.ferrite.time.VirtualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of {@link Watch}. */
class WatchExampleTest {

    record Config(String level) {
        static Config defaults() {
            return new Config("info");
        }
    }

    final List<Config> applied = new ArrayList<>();

    void apply(Config c) {
        applied.add(c);
    }

    // --- the class example ---

    Watch.Channel<Config> config = Watch.channel(Config.defaults());

    @Async
    Future<Void> follow(Watch.Receiver<Config> rx) {
        for (Config c; (c = await(rx.recv())) != null; ) {
            apply(c);                 // the latest config; intermediate ones may be skipped
        }
        return Future.ready(null);    // the config source closed
    }

    // --- end of the example ---

    @Test
    void follow_should_apply_the_latest_config_and_end_when_the_sender_closes() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> follower = rt.spawn(follow(config.receiver()));
            rt.blockOn(Task.yieldNow());              // the follower has seen the initial value and waits
            Config reloaded = new Config("debug");
            SendResult<Config> sent = config.sender().send(new Config("warn"));
            config.sender().send(reloaded);           // replaces "warn" before the follower looks
            config.sender().close();
            rt.blockOn(follower);
            assertTrue(sent.isSent());
            assertEquals(List.of(reloaded), applied);
        }
    }

    final List<String> rendered = new ArrayList<>();

    @Async
    Future<Void> render(Watch.Receiver<Config> rx) {
        // --- the example of Watch.Receiver ---
        while (await(rx.changed())) {
            rendered.add(rx.get().level());
        }
        // ---
        return Future.ready(null);
    }

    @Test
    void changed_should_complete_with_false_when_every_sender_is_closed() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> renderer = rt.spawn(render(config.receiver()));
            config.sender().send(new Config("error"));
            config.sender().close();
            rt.blockOn(renderer);
        }
        assertEquals(List.of("error"), rendered);
    }

    // --- the example of Watch.Sender.sendModify ---

    @Async
    Future<Void> connect(Watch.Sender<Integer> connections) {
        await(Task.yieldNow());
        connections.sendModify(n -> n + 1);   // no increment lost to a concurrent one
        return Future.ready(null);
    }

    // --- end of the example ---

    @Test
    void sendModify_should_count_every_connection_when_many_tasks_connect_at_once() {
        Watch.Channel<Integer> connections = Watch.channel(0);
        try (AsyncRuntime rt = AsyncRuntime.multiThread().workerThreads(2).build()) {
            List<JoinHandle<Void>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                all.add(rt.spawn(connect(connections.sender().clone())));
            }
            for (JoinHandle<Void> h : all) {
                rt.blockOn(h);
            }
        }
        assertEquals(100, connections.receiver().get());
    }

    // --- the example of Watch.Sender.closed ---

    int polls;

    @Async
    Future<Void> pollStatusForever(Watch.Sender<Config> tx) {
        while (true) {
            polls++;
            tx.send(new Config("poll " + polls));
            await(Time.sleep(Duration.ofSeconds(1)));
        }
    }

    @Async
    Future<Void> publishStatus(Watch.Sender<Config> tx) {
        await(Futures.Select.<Void>biased()
                .on(tx.closed(), gone -> null)                  // nobody watches: stop
                .on(pollStatusForever(tx), done -> null));
        return Future.ready(null);
    }

    // --- end of the example ---

    @Test
    void publishStatus_should_stop_polling_when_the_last_receiver_is_closed() {
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> publisher = rt.spawn(publishStatus(config.sender()));
            Watch.Receiver<Config> rx = config.receiver();
            assertEquals("poll 1", rt.blockOn(rx.recv()).level());
            assertEquals("poll 2", rt.blockOn(rx.recv()).level());
            rx.close();
            rt.blockOn(publisher);
            assertTrue(publisher.isFinished());
        }
        assertTrue(polls >= 2, "polled " + polls + " times");
    }
}
