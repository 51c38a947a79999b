/**
 * Timers driven by the runtime: start with {@link io.ferrite.time.Time} ({@code sleep},
 * {@code sleepUntil}, {@code timeout}, {@code timeoutAt}, {@code interval}, {@code intervalAt}).
 * {@link io.ferrite.time.Sleep} is a sleep that can be moved ({@code reset}),
 * {@link io.ferrite.time.Interval} and {@link io.ferrite.time.MissedTickBehavior} shape periodic
 * work, {@link io.ferrite.time.Elapsed} is what a timeout throws, and
 * {@link io.ferrite.time.VirtualTimeSource} is the paused clock for deterministic tests.
 */
package io.ferrite.time;
