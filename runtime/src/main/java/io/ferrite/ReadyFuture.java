package io.ferrite;

/**
 * The future made by {@link Future#ready(Object)}. It is its own poll result, so polling it, and
 * completing an {@code @Async} method with it, allocates nothing.
 */
final class ReadyFuture<T> extends Poll<T> implements Future<T> {

    static final ReadyFuture<Object> NULL = new ReadyFuture<>(null);

    ReadyFuture(T value) {
        super(value);
    }

    @Override
    public Poll<T> poll(Context cx) {
        return this;
    }

    @Override
    public String toString() {
        return "Future.ready(" + value() + ")";
    }
}
