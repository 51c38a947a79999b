package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static io.ferrite.runtime.Task.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.Futures;
import io.ferrite.annotations.Async;
import io.ferrite.channel.Mpsc;
import io.ferrite.runtime.JoinHandle;
import io.ferrite.sync.CancellationToken;
import io.ferrite.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The example of {@link CancellationToken}. */
class CancellationTokenExampleTest {

    final List<String> ran = new CopyOnWriteArrayList<>();

    final class Job {
        final String name;

        Job(String name) {
            this.name = name;
        }

        @Async
        Future<Void> run() {
            await(Time.sleep(Duration.ofMillis(10)));
            ran.add(name);
            return Future.ready(null);
        }
    }

    // --- the class example ---

    CancellationToken shutdown = new CancellationToken();

    @Async
    Future<Void> worker(CancellationToken token, Mpsc.Receiver<Job> jobs) {
        while (true) {
            Job job = await(Futures.Select.<Job>biased()
                    .on(token.cancelled(), stop -> null)
                    .on(jobs.recv(), j -> j));
            if (job == null) {
                return Future.ready(null);   // cancelled, or no more jobs
            }
            await(job.run());
        }
    }

    // --- end of the example ---

    @Async
    Future<Void> runTwoJobsThenCancel() {
        Mpsc.Channel<Job> jobs = Mpsc.channel(4);
        JoinHandle<Void> w = spawn(worker(shutdown.childToken(), jobs.receiver()));
        await(jobs.sender().send(new Job("first")));
        await(jobs.sender().send(new Job("second")));
        await(Time.sleep(Duration.ofMillis(100)));
        shutdown.cancel();   // every child token is cancelled too
        await(w);
        return Future.ready(null);
    }

    @Test
    void worker_should_run_its_jobs_and_return_when_the_parent_token_is_cancelled() {
        Runtimes.blockOnVirtual(runTwoJobsThenCancel());
        assertEquals(List.of("first", "second"), ran);
    }
}
