package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@link SendResult}. */
class SendResultExampleTest {

    record Job(int id) {
    }

    final List<Job> requeued = new ArrayList<>();

    void requeue(Job job) {
        requeued.add(job);
    }

    @Async
    Future<Void> sendAll(List<Job> jobs, Mpsc.Sender<Job> tx) {
        // --- the class example ---
        for (Job job : jobs) {
            SendResult<Job> r = await(tx.send(job));
            if (r.isClosed()) {
                requeue(r.value());   // the receiver is gone: the job comes back
                break;
            }
        }
        // ---
        return Future.ready(null);
    }

    @Test
    void send_should_hand_the_job_back_when_the_receiver_is_closed() {
        Mpsc.Channel<Job> ch = Mpsc.channel(4);
        ch.receiver().close();
        Runtimes.blockOnVirtual(sendAll(List.of(new Job(1), new Job(2)), ch.sender()));
        assertEquals(List.of(new Job(1)), requeued);
    }
}
