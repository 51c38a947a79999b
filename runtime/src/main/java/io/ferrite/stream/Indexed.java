package io.ferrite.stream;

/**
 * An item of {@link AsyncStream#enumerate()}: a stream item with its position, counted from 0.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Indexed<String> first = await(AsyncStream.of("a", "b").enumerate().first());
 * long index = first.index();   // 0
 * String item = first.item();   // "a"
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Immutable (as far as its item is).
 *
 * @param index the item's position in the stream, from 0
 * @param item  the item
 * @param <T>   the item type
 */
public record Indexed<T>(long index, T item) {
}
