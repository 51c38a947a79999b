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
     * {@code ferrite: 42 classes scanned, 3 transformed (7 methods), 39 unchanged, 120 ms}, or
     * {@code ferrite: 1 class scanned, 1 transformed (1 method), 0 unchanged, 80 ms}.
     *
     * @return the summary line
     */
    String line() {
        return "ferrite: " + count(scanned, "class", "classes") + " scanned, " + transformed + " transformed ("
                + count(methods, "method", "methods") + "), " + unchanged + " unchanged, " + millis + " ms";
    }

    /**
     * Returns the details printed with {@code verbose}.
     *
     * @return the detail line
     */
    String details() {
        return "ferrite: " + count(read, "class file", "class files") + " read (" + (scanned - read)
                + " unchanged since the last run), " + count(generated, "state machine class", "state machine classes")
                + " written, " + count(nestHostsUpdated, "nest host", "nest hosts") + " updated, "
                + count(staleRemoved, "stale generated class", "stale generated classes") + " removed";
    }

    /**
     * Writes a count with its noun, singular for one: {@code 1 class}, {@code 0 classes},
     * {@code 2 classes}.
     *
     * @param n        the count
     * @param singular the noun for one
     * @param plural   the noun for any other count
     * @return the count and the noun
     */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
