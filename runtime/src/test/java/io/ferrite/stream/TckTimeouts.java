package io.ferrite.stream;

/**
 * The TCK's time limits for this machine: CI shares two cores with other builds, so a signal is
 * given a generous second to arrive (an arriving signal ends the wait at once), while the waits
 * that must see nothing stay short, since each costs its full length.
 */
final class TckTimeouts {

    static final long DEFAULT = Long.getLong("ferrite.tck.timeoutMillis", 1_000);
    static final long NO_SIGNALS = Long.getLong("ferrite.tck.noSignalsMillis", 100);
    static final long GC = 5_000;

    private TckTimeouts() {
    }
}
