/**
 * Virtual-thread peers of {@code io.ferrite.benchmarks.sync}: ArrayBlockingQueue against the mpsc
 * channel ({@link io.ferrite.benchmarks.vt.sync.BlockingQueueThroughputBenchmark}) and
 * ReentrantLock against the async Mutex; compiled only on JDK 21 and newer.
 */
package io.ferrite.benchmarks.vt.sync;
