/**
 * The {@code -javaagent}: {@link io.ferrite.transformer.agent.FerriteAgent} transforms
 * {@code @Async} methods while classes load, for runs outside Maven such as an IDE's.
 */
package io.ferrite.transformer.agent;
