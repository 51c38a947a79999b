/**
 * Programs run in a JVM started with the agent, by {@code FerriteAgentTest}: outside the
 * {@code io.ferrite} packages the agent skips.
 */
package com.example.agent;
