package io.ferrite.runtime.scheduler;

/**
 * A thread a runtime owns: a worker or a blocking-pool thread. Knowing the runtime from the
 * thread object (one type check, no thread-local lookup) keeps {@code Task.spawn} and wakes
 * cheap.
 */
abstract class RuntimeThread extends Thread {

    final Scheduler scheduler;

    RuntimeThread(Scheduler scheduler, String name) {
        super(name);
        this.scheduler = scheduler;
        setDaemon(true);
    }
}

/** The thread that runs one {@link Worker} of a multi-thread runtime. */
final class WorkerThread extends RuntimeThread {

    final Worker worker;

    WorkerThread(Worker worker, String name) {
        super(worker.scheduler, name);
        this.worker = worker;
    }

    @Override
    public void run() {
        worker.runLoop();
    }
}
