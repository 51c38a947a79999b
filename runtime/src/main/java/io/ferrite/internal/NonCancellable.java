package io.ferrite.internal;

/**
 * Marks a future that cancellation must not stop: what {@code Futures.uncancellable} returns.
 * A state machine cancelled while it awaits such a future does not cancel it, and an await of
 * one reached while the machine unwinds from a cancellation waits for it instead of throwing
 * {@link io.ferrite.Cancelled} (Kotlin's {@code withContext(NonCancellable)}); the rest of the
 * unwinding then runs on a task of its own ({@link Detached}), since {@code cancel()} itself
 * cannot wait.
 */
public interface NonCancellable {
}
