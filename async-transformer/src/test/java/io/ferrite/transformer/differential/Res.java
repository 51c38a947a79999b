package io.ferrite.transformer.differential;

/**
 * The resource of generated try-with-resources statements: logs its opening, uses and closing,
 * and may fail to close (so that suppressed exceptions appear).
 */
public final class Res implements AutoCloseable {

    private final Env env;
    private final String name;
    private final boolean failOnClose;

    Res(Env env, String name, boolean failOnClose) {
        this.env = env;
        this.name = name;
        this.failOnClose = failOnClose;
        env.log("open", name);
    }

    /**
     * Logs a use of the resource.
     *
     * @param x a value
     * @return a value derived from it
     */
    public int use(int x) {
        env.log("use " + name, x);
        return x * 2 + name.length();
    }

    /** Logs the close, then throws {@link Bang} if the resource was made to fail on close. */
    @Override
    public void close() {
        env.log("close", name);
        if (failOnClose) {
            throw new Bang("close " + name);
        }
    }

    @Override
    public String toString() {
        return "Res[" + name + "]";
    }
}
