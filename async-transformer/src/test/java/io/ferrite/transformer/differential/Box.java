package io.ferrite.transformer.differential;

/**
 * The object type of generated code: mutable public fields for compound assignments, and a
 * constructor that logs, so that {@code new Box(e, await(...), ...)} shows when it ran.
 */
public final class Box {

    /** An int field. */
    public int n;
    /** A long field. */
    public long l;
    /** A double field. */
    public double d;
    /** A string field, never null. */
    public String s;

    /**
     * Creates a box and logs its construction.
     *
     * @param env where to log
     * @param n   the int field
     * @param s   the string field
     */
    public Box(Env env, int n, String s) {
        env.log("new Box", n, s);
        this.n = n;
        this.l = n * 3L;
        this.d = n / 4.0;
        this.s = s;
    }

    @Override
    public String toString() {
        return "Box[" + n + "," + l + "," + d + "," + s + "]";
    }
}
