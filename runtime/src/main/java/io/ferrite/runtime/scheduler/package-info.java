/**
 * Internal: the engine of {@link io.ferrite.runtime.AsyncRuntime}. Not part of Ferrite's API;
 * its public members exist only for the runtime's other packages and may change in any release.
 *
 * <p>Entry point: {@link io.ferrite.runtime.scheduler.Scheduler}. A task is one
 * {@link io.ferrite.runtime.scheduler.TaskCell} (its own context, waker and join handle, with
 * its lifecycle in one atomic int); workers keep local ring queues with stealing and a LIFO slot;
 * {@link io.ferrite.runtime.scheduler.TimerWheel} is the hierarchical timer wheel the workers
 * drive; {@link io.ferrite.runtime.scheduler.Waiter} is what the runtime wakes outside a poll,
 * so a throwing waker fails its own task; {@link io.ferrite.runtime.scheduler.LocalScheduler}
 * is the engine of {@code LocalSet}.
 */
package io.ferrite.runtime.scheduler;
