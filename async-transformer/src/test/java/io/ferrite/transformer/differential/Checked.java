package io.ferrite.transformer.differential;

/** The checked exception of generated code: every generated method declares it. */
public class Checked extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message says where it came from
     */
    public Checked(String message) {
        super(message);
    }
}
