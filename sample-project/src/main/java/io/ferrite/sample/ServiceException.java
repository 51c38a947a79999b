package io.ferrite.sample;

/**
 * The failure of a simulated remote service. Unchecked, like most failures awaited in practice:
 * {@code await} declares no checked exception, so a {@code catch} of a checked type around it
 * would not compile unless something else in the {@code try} throws it.
 */
final class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServiceException(String message) {
        super(message);
    }
}
