package io.ferrite.benchmarks.await;

import static io.ferrite.Await.await;

import io.ferrite.Context;
import io.ferrite.Future;
import io.ferrite.Poll;
import io.ferrite.annotations.Async;
import java.util.function.LongPredicate;

/**
 * How deep recursion goes, on threads of the same stack size: the same body as plain Java, as an
 * {@code @Async} method awaiting itself ({@code long b = await(f(n - 1))}), and in the tail form
 * ({@code return f(n - 1)}). Not a timing: each figure is the largest depth that completed, found
 * by doubling and then bisecting to within 1% (plain recursion), or checked up to a cap (the async
 * forms, whose depth is bounded by the heap rather than the stack).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.ferrite.benchmarks.await.RecursionDepth [stackKb...]
 * </pre>
 * With no argument it measures on 256 KB, 1024 KB (the JVM's default {@code -Xss} on 64-bit
 * Linux) and 8192 KB stacks. {@code docs/state-machine.md} (section 13) quotes its output.
 */
public final class RecursionDepth {

    /** Where the async forms stop being checked: far beyond any stack, and a few hundred MB of heap. */
    private static final long CAP = 2_000_000;

    private RecursionDepth() {
    }

    /**
     * Prints one line per stack size.
     *
     * @param args stack sizes in KB
     */
    public static void main(String[] args) {
        long[] sizes = args.length == 0 ? new long[] {256, 1024, 8192} : new long[args.length];
        for (int i = 0; i < args.length; i++) {
            sizes[i] = Long.parseLong(args[i]);
        }
        for (long kb : sizes) {
            long stack = kb * 1024;
            long plain = deepest(stack, n -> plain(n) == n);
            long awaitForm = deepestUpTo(stack, n -> pollOnce(awaitForm(n)) == n);
            long tailForm = deepestUpTo(stack, n -> pollOnce(tailForm(n, 0)) == n);
            System.out.printf("stack %5d KB: plain recursion %,d; @Async await form %s; @Async tail form %s%n", kb,
                    plain, reached(awaitForm), reached(tailForm));
        }
    }

    static long plain(long n) {
        if (n == 0) {
            return 0;
        }
        long b = plain(n - 1);
        return b + 1;
    }

    @Async
    static Future<Long> awaitForm(long n) {
        if (n == 0) {
            return Future.ready(0L);
        }
        long b = await(awaitForm(n - 1));
        return Future.ready(b + 1);
    }

    @Async
    static Future<Long> tailForm(long n, long acc) {
        if (n == 0) {
            return Future.ready(acc);
        }
        return tailForm(n - 1, acc + 1);
    }

    private static long pollOnce(Future<Long> future) {
        Poll<Long> poll = future.poll(Context.noop());
        return poll.isReady() ? poll.value() : -1;
    }

    private static String reached(long depth) {
        return depth >= CAP ? String.format("%,d (the cap; not limited by the stack)", depth) : String.format("%,d", depth);
    }

    /** The largest depth that completes, within 1%. */
    private static long deepest(long stack, LongPredicate works) {
        long good = 0;
        long bad = 1;
        while (onThread(stack, works, bad)) {
            good = bad;
            bad *= 2;
        }
        while (bad - good > Math.max(1, good / 100)) {
            long mid = (good + bad) / 2;
            if (onThread(stack, works, mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    /** {@link #CAP} if it completes there, else the largest depth that does. */
    private static long deepestUpTo(long stack, LongPredicate works) {
        return onThread(stack, works, CAP) ? CAP : deepest(stack, works);
    }

    /** Runs {@code works(n)} on a new thread with the given stack; false on a stack overflow. */
    private static boolean onThread(long stack, LongPredicate works, long n) {
        boolean[] ok = {false};
        Thread thread = new Thread(null, () -> {
            try {
                ok[0] = works.test(n);
            } catch (StackOverflowError overflow) {
                ok[0] = false;
            }
        }, "recursion-" + n, stack);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ok[0];
    }
}
