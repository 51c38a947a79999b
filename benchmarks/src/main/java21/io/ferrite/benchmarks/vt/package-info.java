/**
 * Peer benchmarks on virtual threads; compiled only on JDK 21 and newer.
 */
package io.ferrite.benchmarks.vt;
