/**
 * F1: file reads through the runtime's blocking pool against the JDK's
 * {@code AsynchronousFileChannel} ({@link io.ferrite.benchmarks.fs.FileReadBenchmark}).
 */
package io.ferrite.benchmarks.fs;
