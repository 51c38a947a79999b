/**
 * Ferrite's servers for the anchors' HTTP/TCP rounds: {@link io.ferrite.benchmarks.http.BenchServer}
 * (TCP echo; a stand-in HTTP responder until {@code ferrite-http}), run by
 * {@code benchmarks/run.sh --http DIR}.
 */
package io.ferrite.benchmarks.http;
