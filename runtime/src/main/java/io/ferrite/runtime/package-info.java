/**
 * The runtime that drives futures: start with {@link io.ferrite.runtime.AsyncRuntime}
 * ({@code AsyncRuntime.builder().build()}), then {@link io.ferrite.runtime.AsyncRuntime#blockOn}
 * from synchronous code and {@link io.ferrite.runtime.Task#spawn} from inside tasks.
 *
 * <p>Also here: {@link io.ferrite.runtime.JoinHandle} (a task's result),
 * {@link io.ferrite.runtime.JoinSet} (many tasks, joined as they finish),
 * {@link io.ferrite.runtime.LocalSet} (tasks pinned to one thread),
 * {@link io.ferrite.runtime.RuntimeMetrics}, and {@link io.ferrite.runtime.BlockOn}, the
 * runtime-free executor for a single future. Timers are in {@link io.ferrite.time}. The engine
 * lives in {@code io.ferrite.runtime.scheduler}, which is internal.
 *
 * <p>Read the note "Blocking inside a task stalls a worker" on
 * {@link io.ferrite.runtime.AsyncRuntime} before calling blocking code from a task. The guide to
 * the runtime (builder knobs, {@code blockOn}, shutdown and what every handle sees, task failures,
 * {@code LocalSet}, the cooperative budget) is {@code docs/runtime.md} in the repository.
 */
package io.ferrite.runtime;
