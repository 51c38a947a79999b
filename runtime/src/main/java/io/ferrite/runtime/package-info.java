/**
 * Executors that drive futures to completion. Today: {@link io.ferrite.runtime.BlockOn}, which
 * runs one future on the calling thread; the multi-threaded work-stealing runtime comes next.
 */
package io.ferrite.runtime;
