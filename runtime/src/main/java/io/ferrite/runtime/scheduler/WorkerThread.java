package io.ferrite.runtime.scheduler;

/** The thread that runs one {@link Worker} of a multi-thread runtime. */
final class WorkerThread extends RuntimeThread {

    final Worker worker;

    WorkerThread(Worker worker, String name, long stackSize) {
        super(worker.scheduler, name, stackSize);
        this.worker = worker;
    }

    @Override
    public void run() {
        worker.runLoop();
    }
}
