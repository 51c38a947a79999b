package io.ferrite.stream;

/**
 * Where the synchronous path pushes items: a terminal operation, or a stage's wrapper around the
 * sink below it.
 *
 * @param <T> the item type
 */
@FunctionalInterface
interface Sink<T> {

    /**
     * Takes one item.
     *
     * @param item the item, never null
     * @return false to stop the push after this item (a {@code take} that is full, a
     *         {@code first} that has its item)
     */
    boolean accept(T item);
}
