/**
 * The transformer's differential test: {@link io.ferrite.transformer.differential.DifferentialTest}
 * generates random {@code @Async} methods ({@link io.ferrite.transformer.differential.ProgramGenerator}),
 * builds each twice (transformed, and with the blocking
 * {@link io.ferrite.transformer.differential.Ref#await}), runs both
 * ({@link io.ferrite.transformer.differential.DifferentialRun}) and compares results, exceptions
 * and side-effect logs ({@link io.ferrite.transformer.differential.Env}). Findings are in
 * {@code FINDINGS.md} beside these files.
 */
package io.ferrite.transformer.differential;
