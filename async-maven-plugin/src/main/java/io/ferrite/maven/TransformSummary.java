package io.ferrite.maven;

/**
 * The figures of one run of a goal, printed as its one summary line.
 *
 * @param scanned            class files considered (after includes and excludes)
 * @param read               of those, files actually read: the others were unchanged since the
 *                           last run
 * @param transformed        classes rewritten
 * @param methods            {@code @Async} methods and async lambdas turned into state machines
 * @param unchanged          class files left as they were
 * @param generated          state machine classes written
 * @param nestHostsUpdated   nest hosts that only gained {@code NestMembers} entries
 * @param staleRemoved       generated classes removed because their owner no longer produces them
 * @param millis             wall time of the run
 */
record TransformSummary(
        int scanned,
        int read,
        int transformed,
        int methods,
        int unchanged,
        int generated,
        int nestHostsUpdated,
        int staleRemoved,
        long millis) {

    /**
     * Returns the line always printed at INFO level:
     * {@code ferrite: 42 classes scanned, 3 transformed (7 methods), 39 unchanged, 120 ms}.
     *
     * @return the summary line
     */
    String line() {
        return "ferrite: " + scanned + " classes scanned, " + transformed + " transformed (" + methods + " methods), "
                + unchanged + " unchanged, " + millis + " ms";
    }

    /**
     * Returns the details printed with {@code verbose}.
     *
     * @return the detail line
     */
    String details() {
        return "ferrite: " + read + " class files read (" + (scanned - read) + " unchanged since the last run), "
                + generated + " state machine classes written, " + nestHostsUpdated + " nest hosts updated, "
                + staleRemoved + " stale generated classes removed";
    }
}
