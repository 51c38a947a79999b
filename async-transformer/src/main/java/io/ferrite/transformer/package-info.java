/**
 * The transformer's façade: {@link io.ferrite.transformer.AsyncTransformer} rewrites class files,
 * one by one or as a {@link io.ferrite.transformer.TransformBatch} that also updates nest hosts
 * (the plugin's and the agent's way, reading what is outside the batch from
 * {@link io.ferrite.transformer.ClassFiles}); {@link io.ferrite.transformer.ClassHierarchy}
 * resolves types from a class path; {@link io.ferrite.transformer.TransformResult},
 * {@link io.ferrite.transformer.BatchResult} and {@link io.ferrite.transformer.Diagnostic} carry
 * the outcome. The passes themselves live in {@code io.ferrite.transformer.internal}.
 */
package io.ferrite.transformer;
