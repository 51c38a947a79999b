package io.ferrite.transformer.differential;

/** An unchecked failure unrelated to {@link Boom}, for multi-catch clauses. */
public class Bang extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message says where it came from
     */
    public Bang(String message) {
        super(message);
    }
}
