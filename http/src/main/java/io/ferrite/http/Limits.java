package io.ferrite.http;

import java.time.Duration;

/**
 * A server's limits and timeouts, fixed when it is bound (the defaults are in
 * {@link HttpServer.Builder}).
 */
record Limits(int maxUriLength, int maxHeaderBytes, int maxHeaders, long maxBodyBytes, Duration headerTimeout,
        Duration idleTimeout) {

    /** An unread request body up to this size is read and dropped to keep the connection; a larger one closes it. */
    static final long MAX_DRAIN = 256 * 1024;

    /** The sweeper's period: an eighth of the shorter timeout, between 10 ms and 1 s. */
    Duration tick() {
        long shorter = Math.min(headerTimeout.toMillis(), idleTimeout.toMillis());
        return Duration.ofMillis(Math.max(10, Math.min(1000, shorter / 8)));
    }

    /** A timeout in ticks, rounded up, at least 1. */
    long ticks(Duration timeout) {
        long t = tick().toMillis();
        return Math.max(1, (timeout.toMillis() + t - 1) / t);
    }
}
