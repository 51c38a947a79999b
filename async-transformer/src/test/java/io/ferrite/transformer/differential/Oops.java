package io.ferrite.transformer.differential;

/** A subclass of {@link Boom}, so that catch clauses of generated code overlap. */
public class Oops extends Boom {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message says where it came from
     */
    public Oops(String message) {
        super(message);
    }
}
