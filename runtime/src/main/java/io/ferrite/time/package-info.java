/**
 * Timers driven by the runtime: start with {@link io.ferrite.time.Time} ({@code sleep},
 * {@code sleepUntil}, {@code timeout}, {@code interval}). {@link io.ferrite.time.Interval} and
 * {@link io.ferrite.time.MissedTickBehavior} shape periodic work, {@link io.ferrite.time.Elapsed}
 * is what a timeout throws, and {@link io.ferrite.time.VirtualTimeSource} is the paused clock for
 * deterministic tests.
 */
package io.ferrite.time;
