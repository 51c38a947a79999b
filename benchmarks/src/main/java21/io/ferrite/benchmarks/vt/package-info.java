/**
 * Peer benchmarks on virtual threads, compiled only on JDK 21 and newer:
 * {@link io.ferrite.benchmarks.vt.VirtualThreadBenchmark}.
 */
package io.ferrite.benchmarks.vt;
