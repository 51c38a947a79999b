package io.ferrite.runtime.scheduler;

/**
 * A thread a runtime owns: a worker or a blocking-pool thread. Knowing the runtime from the
 * thread object (one type check, no thread-local lookup) keeps {@code Task.spawn} and wakes
 * cheap.
 */
abstract class RuntimeThread extends Thread {

    final Scheduler scheduler;

    /** A thread of {@code scheduler}, with a stack of {@code stackSize} bytes (0: the JVM's default). */
    RuntimeThread(Scheduler scheduler, String name, long stackSize) {
        super(null, null, name, stackSize);
        this.scheduler = scheduler;
        setDaemon(true);
    }
}
