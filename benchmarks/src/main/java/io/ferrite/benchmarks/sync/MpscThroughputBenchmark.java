package io.ferrite.benchmarks.sync;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.channel.Mpsc;
import io.ferrite.channel.SendResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through a bounded {@code Mpsc} channel from one or several producers to
 * one consumer, all tasks driven by a single-threaded {@link PollLoop}. The peer is
 * {@code io.ferrite.benchmarks.vt.sync.BlockingQueueThroughputBenchmark} (ArrayBlockingQueue on
 * virtual threads), with the same parameters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MpscThroughputBenchmark {

    /** Messages per benchmark invocation, split evenly among the producers. */
    public static final int MESSAGES = 100_000;

    /** The number of producers. */
    @Param({"1", "4"})
    public int producers;

    /** The channel's capacity. */
    @Param({"256"})
    public int capacity;

    /**
     * Sends {@link #MESSAGES} messages and receives them all.
     *
     * @return the number of messages received
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int mpsc() {
        Mpsc.Channel<Integer> ch = Mpsc.channel(capacity);
        PollLoop loop = new PollLoop();
        Consumer consumer = new Consumer(ch.receiver());
        for (int p = 0; p < producers; p++) {
            Mpsc.Sender<Integer> tx = p == 0 ? ch.sender() : ch.sender().clone();
            loop.spawn(new Producer(tx, MESSAGES / producers));
        }
        loop.spawn(consumer);
        loop.run();
        if (consumer.received != MESSAGES / producers * producers) {
            throw new IllegalStateException("received " + consumer.received);
        }
        return consumer.received;
    }

    private static final Integer MESSAGE = 42;

    /** Sends its share, then closes its sender; what {@code @Async} code would compile to. */
    static final class Producer implements Future<Void> {
        private final Mpsc.Sender<Integer> tx;
        private int remaining;
        private Future<SendResult<Integer>> sending;

        Producer(Mpsc.Sender<Integer> tx, int count) {
            this.tx = tx;
            this.remaining = count;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (sending == null) {
                    if (remaining == 0) {
                        tx.close();
                        return Poll.ready(null);
                    }
                    sending = tx.send(MESSAGE);
                }
                if (sending.poll(cx).isPending()) {
                    return Poll.pending();
                }
                sending = null;
                remaining--;
            }
        }
    }

    /** Receives until the channel ends. */
    static final class Consumer implements Future<Void> {
        private final Mpsc.Receiver<Integer> rx;
        private Future<Integer> receiving;
        int received;

        Consumer(Mpsc.Receiver<Integer> rx) {
            this.rx = rx;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (receiving == null) {
                    receiving = rx.recv();
                }
                Poll<Integer> p = receiving.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                receiving = null;
                if (p.value() == null) {
                    return Poll.ready(null);
                }
                received++;
            }
        }
    }
}
