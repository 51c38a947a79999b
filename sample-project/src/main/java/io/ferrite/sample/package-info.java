/**
 * The Ferrite sample application; its entry point is {@link io.ferrite.sample.Main}.
 */
package io.ferrite.sample;
