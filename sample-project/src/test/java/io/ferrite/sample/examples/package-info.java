/**
 * The examples of the runtime's javadoc, compiled and run: one test class per documented class
 * ({@code SemaphoreExampleTest} for {@code io.ferrite.sync.Semaphore}), holding the example's
 * code as written in the javadoc, the stubs it needs, and assertions on what it does. They live
 * here because the runtime module is built before the Maven plugin that transforms
 * {@code @Async} code; this module's tests are transformed by its {@code transform-test} goal.
 */
package io.ferrite.sample.examples;
