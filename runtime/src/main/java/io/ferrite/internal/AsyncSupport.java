package io.ferrite.internal;

/** Small helpers shared by the runtime's internals. */
public final class AsyncSupport {

    private AsyncSupport() {
    }

    /**
     * Throws {@code error} as is, checked exceptions included; written {@code throw sneaky(e)}
     * so the compiler knows the statement does not complete.
     *
     * @param error the throwable to rethrow
     * @param <E>   inferred as an unchecked type at the call site
     * @return never returns
     * @throws E always
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
