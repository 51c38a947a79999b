package io.ferrite.stream;

/**
 * Two values: an item of {@link AsyncStream#zip(AsyncStream)} (one from each stream), or a step
 * of {@link AsyncStream#unfold} (the item and the next state).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Pair<String, Integer> p = Pair.of("a", 1);
 * String name = p.first();
 * int count = p.second();
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable (as far as its values are).
 *
 * @param first  the first value
 * @param second the second value
 * @param <A>    the first value's type
 * @param <B>    the second value's type
 */
public record Pair<A, B>(A first, B second) {

    /**
     * Makes a pair.
     *
     * <pre>{@code
     * return Future.ready(Pair.of(item, nextState));
     * }</pre>
     *
     * @param first  the first value
     * @param second the second value
     * @param <A>    the first value's type
     * @param <B>    the second value's type
     * @return the pair
     */
    public static <A, B> Pair<A, B> of(A first, B second) {
        return new Pair<>(first, second);
    }
}
