package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.AsyncRuntime;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.runtime.Task;
import io.ferrite.time.VirtualTimeSource;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link Mpsc}. */
class MpscExampleTest {

    final List<String> lines = Collections.nCopies(100, "0123456789");
    int sendsMade;

    // --- the class example ---

    Mpsc.Channel<String> ch = Mpsc.channel(16);

    @Async
    Future<Void> produce(Mpsc.Sender<String> tx) {
        try (tx) {
            for (String line : lines) {
                sendsMade++;
                if (!await(tx.send(line)).isSent()) {
                    break;   // the consumer has gone
                }
            }
        }
        return Future.ready(null);
    }

    @Async
    Future<Integer> consume(Mpsc.Receiver<String> rx) {
        int count = 0;
        for (String line; (line = await(rx.recv())) != null; ) {
            count += line.length();
        }
        return Future.ready(count);   // every sender closed and the buffer drained
    }

    // --- end of the example (sendsMade++ added to observe the producer) ---

    @Test
    void consume_should_count_every_line_when_the_producer_closes_its_sender() {
        Futures.Join2<Void, Integer> r = Runtimes.blockOnVirtual(join(produce(ch.sender()), consume(ch.receiver())));
        assertEquals(100 * 10, r.second());
    }

    @Test
    void produce_should_stop_sending_when_the_consumer_has_gone() {
        ch.receiver().close();
        Runtimes.blockOnVirtual(produce(ch.sender()));
        assertEquals(1, sendsMade);
    }

    // --- the examples of Mpsc.Sender.reserve and Mpsc.Permit ---

    record Report(String text) {
    }

    int reportsBuilt;

    Report buildReport() {
        reportsBuilt++;
        return new Report("report " + reportsBuilt);
    }

    @Async
    @SuppressWarnings("try")
    Future<Void> publish(Mpsc.Sender<Report> tx) {
        try (Mpsc.Permit<Report> slot = await(tx.reserve())) {
            if (slot == null) {
                return Future.ready(null);          // the consumer has gone: nothing was built
            }
            slot.send(buildReport());               // never waits: the room is ours
        }
        return Future.ready(null);
    }

    // --- end of the examples ---

    @Test
    void publish_should_build_the_report_only_once_room_is_reserved() {
        Mpsc.Channel<Report> reports = Mpsc.channel(1);
        reports.sender().trySend(new Report("queued"));
        try (AsyncRuntime rt = Runtimes.virtual(VirtualTimeSource.autoAdvancing())) {
            JoinHandle<Void> publisher = rt.spawn(publish(reports.sender()));
            rt.blockOn(Task.yieldNow());
            assertEquals(0, reportsBuilt, "no report is built while the channel is full");
            assertEquals(new Report("queued"), reports.receiver().tryRecv());
            rt.blockOn(publisher);
        }
        assertEquals(new Report("report 1"), reports.receiver().tryRecv());
    }

    @Test
    void publish_should_build_nothing_when_the_consumer_has_gone() {
        Mpsc.Channel<Report> reports = Mpsc.channel(1);
        reports.receiver().close();
        Runtimes.blockOnVirtual(publish(reports.sender()));
        assertEquals(0, reportsBuilt);
    }

    // --- the tryReserve example ---

    record Job(int id) {
    }

    record Response(String status) {
        static Response busy() {
            return new Response("busy");
        }
    }

    Future<Response> submit(Mpsc.Sender<Job> tx, Job job) {
        Mpsc.Permit<Job> slot = tx.tryReserve();
        if (slot == null) {
            return Future.ready(Response.busy());   // full, or nobody receives any more
        }
        try (slot) {
            slot.send(job);
        }
        return Future.ready(new Response("accepted"));
    }

    // --- end of the example ---

    @Test
    void submit_should_answer_busy_when_the_channel_is_full() {
        Mpsc.Channel<Job> jobs = Mpsc.channel(1);
        assertEquals("accepted", Runtimes.blockOnVirtual(submit(jobs.sender(), new Job(1))).status());
        assertEquals("busy", Runtimes.blockOnVirtual(submit(jobs.sender(), new Job(2))).status());
        assertEquals(0, jobs.sender().capacity());
        assertEquals(new Job(1), jobs.receiver().tryRecv());
        assertEquals(1, jobs.sender().capacity());
    }
}
