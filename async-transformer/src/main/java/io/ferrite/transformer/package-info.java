/**
 * The transformer's façade: {@link io.ferrite.transformer.AsyncTransformer} rewrites class files,
 * {@link io.ferrite.transformer.ClassHierarchy} resolves types from a class path, and
 * {@link io.ferrite.transformer.TransformResult} and {@link io.ferrite.transformer.Diagnostic}
 * carry the outcome. The passes themselves live in {@code io.ferrite.transformer.internal}.
 */
package io.ferrite.transformer;
