package io.ferrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Silences the named Ferrite build-time warnings in a method (and in the lambdas written inside
 * it), a constructor, or every method of a class: Ferrite's {@code @SuppressWarnings}.
 *
 * <p>Ferrite's transformer warns about the async pitfalls it can see in the class files:
 * <ul>
 *   <li>{@code "future-never-polled"}: the result of a call returning {@code io.ferrite.Future}
 *       is discarded or stored in a local that is never read; futures are lazy, so its work never
 *       runs;</li>
 *   <li>{@code "blocking-call-in-async"}: an {@code @Async} method or async lambda calls a
 *       blocking method ({@code Thread.sleep}, {@code CompletableFuture.join}, {@code Lock.lock},
 *       ...), which stalls the runtime worker it runs on;</li>
 *   <li>{@code "lock-held-across-await"}: an {@code await} is reached while a
 *       {@code java.util.concurrent.locks.Lock} taken in the same body is still held.</li>
 * </ul>
 * Put this annotation where a warning is a deliberate, reviewed choice, with a comment saying
 * why. Only the listed codes are silenced (matched exactly); errors can never be suppressed.
 *
 * <p>On a class it covers that class's own methods, constructors and lambdas, not its nested
 * classes, which are compiled to class files of their own: annotate them separately.
 *
 * <p>{@link java.lang.SuppressWarnings} cannot serve: its retention is {@code SOURCE}, so it is
 * gone from the class files the transformer reads. This annotation is kept in the class file
 * ({@link RetentionPolicy#CLASS}) and invisible to reflection.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Async
 * @Suppress("blocking-call-in-async")  // startup only, before any other task runs
 * Future<Config> load(Path file) {
 *     byte[] bytes = await(Task.spawnBlocking(() -> Files.readAllBytes(file)));
 *     registryLock.lock();              // not warned about
 *     try {
 *         return Future.ready(registry.register(Config.parse(bytes)));
 *     } finally {
 *         registryLock.unlock();
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface Suppress {

    /**
     * The codes of the warnings to silence, e.g. {@code "blocking-call-in-async"}.
     *
     * @return one or more warning codes
     */
    String[] value();
}
