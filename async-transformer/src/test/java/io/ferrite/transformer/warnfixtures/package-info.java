/**
 * Classes the transformer must transform with warnings (the async pitfalls). Each offending line
 * carries a comment {@code // WARNING <code>}, which {@code WarningsTest} checks against the
 * diagnostics; every line without one must produce none. Transformed, and loaded only to show
 * that warnings do not stop the transformation.
 */
package io.ferrite.transformer.warnfixtures;
