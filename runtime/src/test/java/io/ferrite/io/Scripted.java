package io.ferrite.io;

import io.ferrite.Context;
import io.ferrite.Poll;
import io.ferrite.Waker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A reader and a writer that follow a script, for driving the buffered types poll by poll. */
final class Scripted {

    /** In a reader's script: return pending once (and wake at once, as a socket that became ready would). */
    static final String PENDING = "\u0000pending";
    /** In a reader's script: the end of the stream. */
    static final String EOF = "\u0000eof";

    private Scripted() {
    }

    /** Reads the script's chunks in order; a chunk larger than the buffer is served in parts. */
    static final class Reader implements AsyncRead {
        final Deque<Object> script = new ArrayDeque<>();
        int calls;

        Reader(String... steps) {
            for (String s : steps) {
                script.add(s == PENDING || s == EOF ? s : s.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public Poll<Integer> pollRead(Context cx, ByteBuffer dst) {
            calls++;
            Object step = script.peek();
            if (step == null || step == EOF) {
                return Poll.ready(-1);
            }
            if (step == PENDING) {
                script.poll();
                cx.waker().wake();
                return Poll.pending();
            }
            byte[] bytes = (byte[]) step;
            int n = Math.min(bytes.length, dst.remaining());
            dst.put(bytes, 0, n);
            script.poll();
            if (n < bytes.length) {
                script.push(java.util.Arrays.copyOfRange(bytes, n, bytes.length));
            }
            return Poll.ready(n);
        }

        @Override
        public String toString() {
            return "Scripted.Reader";
        }
    }

    /** Records each write; accepts at most {@link #maxPerWrite} bytes per call, and is pending while {@link #full}. */
    static final class Writer implements AsyncWrite {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int maxPerWrite = Integer.MAX_VALUE;
        boolean full;
        int flushes;
        boolean closed;
        Waker waiting;

        @Override
        public Poll<Integer> pollWrite(Context cx, ByteBuffer src) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            if (full) {
                waiting = cx.waker();
                return Poll.pending();
            }
            int n = Math.min(maxPerWrite, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            received.write(b, 0, n);
            writes.add(n);
            return Poll.ready(n);
        }

        @Override
        public Poll<Void> pollFlush(Context cx) {
            if (full) {
                waiting = cx.waker();
                return Poll.pending();
            }
            flushes++;
            return Poll.ready(null);
        }

        @Override
        public Poll<Void> pollClose(Context cx) {
            closed = true;
            return Poll.ready(null);
        }

        void drain() {
            full = false;
            if (waiting != null) {
                waiting.wake();
            }
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Scripted.Writer";
        }
    }
}
