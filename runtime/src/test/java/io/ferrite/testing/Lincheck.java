package io.ferrite.testing;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;

/**
 * Runs a Lincheck test class in both modes with the bounded sizes CI can afford (a few seconds
 * each on two cores): 3 threads of 3 operations, plus one before and one after.
 */
public final class Lincheck {

    private Lincheck() {
    }

    /** Model checking: explores interleavings of the scenarios systematically. */
    public static void modelCheck(Class<?> test) {
        new LinChecker(test, new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)).check();
    }

    /** Stress: runs the scenarios on real threads many times. */
    public static void stress(Class<?> test) {
        new LinChecker(test, new StressOptions()
                .iterations(20)
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)).check();
    }
}
