package io.ferrite.http;

import java.nio.ByteBuffer;

/**
 * A connection's read buffer, append-only (the model of hyper's {@code BytesMut}): bytes are read
 * into the free space after what is there, and a region handed out (a request head, a body
 * part) is never written over, so a {@link Request} and the {@code ByteBuffer}s of a body refer
 * to the bytes where they arrived instead of copies. When the free space runs short, a new array
 * takes over and only the unconsumed bytes (an incomplete head or frame) move to it; the old
 * array lives on as long as something handed out from it does.
 *
 * <p>With the small requests of a keep-alive client, one 4 KiB array serves dozens of requests
 * before the next one is allocated.
 */
final class ReadBuffer {

    /** The size of a new array for heads. */
    static final int CHUNK = 4096;
    /** The size of a new array while a body is read. */
    static final int BODY_CHUNK = 16 * 1024;
    /** Below this free space a read first moves to a new array. */
    private static final int MIN_READ = 512;

    byte[] array;
    /** The first unconsumed byte. */
    int start;
    /** The end of the bytes read. */
    int end;
    /** A view of {@link #array} the socket reads into (position and limit set before each read). */
    private ByteBuffer view;

    ReadBuffer() {
        array = new byte[CHUNK];
        view = ByteBuffer.wrap(array);
    }

    int available() {
        return end - start;
    }

    boolean isEmpty() {
        return end == start;
    }

    /**
     * Returns the view to read into, with at least {@code MIN_READ} bytes of room (or
     * {@code atLeast} if larger), moving the unconsumed bytes to a new array if needed.
     *
     * @param atLeast the room the caller needs
     * @param chunk   the size of a new array
     * @return the view; its position is {@link #end}
     */
    ByteBuffer readView(int atLeast, int chunk) {
        int need = Math.max(MIN_READ, atLeast);
        if (array.length - end < need) {
            int keep = end - start;
            byte[] next = new byte[Math.max(chunk, keep + need)];
            System.arraycopy(array, start, next, 0, keep);
            array = next;
            start = 0;
            end = keep;
            view = ByteBuffer.wrap(array);
        }
        view.limit(array.length).position(end);
        return view;
    }

    /** Takes what the last read into {@link #readView} added. */
    void filled() {
        end = view.position();
    }

    void consume(int n) {
        start += n;
    }

    /** The next {@code n} unconsumed bytes as a buffer of their own (no copy), consumed. */
    ByteBuffer take(int n) {
        ByteBuffer b = ByteBuffer.wrap(array, start, n).slice();
        start += n;
        return b;
    }
}
