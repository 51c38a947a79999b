/**
 * The Ferrite sample application; its entry point is {@link io.ferrite.sample.Main}, which runs
 * one class per pattern in order: {@code SequentialAwaits}, {@code JoinCalls},
 * {@code SelectWithTimeout}, {@code SpawnAndJoinHandle}, {@code ChannelPipeline},
 * {@code SemaphoreLimit}, {@code RetryWithBackoff}, {@code GracefulShutdown} and
 * {@code BlockingCalls}. Each has an {@code @Async run()} that prints what it shows, checks it
 * through a {@code Report}, and returns what it observed for its test.
 */
package io.ferrite.sample;
