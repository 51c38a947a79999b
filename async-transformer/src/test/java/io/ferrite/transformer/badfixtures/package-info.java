/**
 * Classes the transformer must reject. Each offending line carries a comment
 * {@code // ERROR <code>} (or {@code // ERROR <code> @0} when the class file records no line),
 * which {@code DiagnosticsTest} checks against the diagnostics. Never loaded, only transformed.
 */
package io.ferrite.transformer.badfixtures;
