package io.ferrite.transformer.differential;

/** An unchecked failure of generated code and of failing futures; {@link Oops} extends it. */
public class Boom extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message says where it came from, compared between the two builds
     */
    public Boom(String message) {
        super(message);
    }
}
