package io.ferrite.runtime.driver;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;

/**
 * How I/O failures reach the user: as the JDK's own exception type, never wrapped, with the
 * address or path in the message. The JDK's socket errors say "Connection refused" and no more;
 * {@link #withContext} gives the same type with the context appended, keeping the original's
 * stack trace. Internal.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /**
     * Returns {@code e} as the same type with {@code context} appended to its message, and
     * {@code e}'s stack trace. A closed channel ({@link ClosedChannelException} and its
     * subclasses, which take no message) becomes a {@link SocketException} "Socket closed", as
     * {@code java.net.Socket} says. A file-system exception already names its path and is
     * returned as is, as is a type that cannot carry a message.
     *
     * @param e       the JDK's exception
     * @param context what was being done, with the address: {@code "read from 127.0.0.1:9090"}
     * @return the exception to throw
     */
    public static IOException withContext(IOException e, String context) {
        if (e instanceof ClosedChannelException) {
            return closed("closed", context);
        }
        if (e instanceof FileSystemException) {
            return e;
        }
        String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + " (" + context + ")";
        IOException copy;
        try {
            copy = e.getClass().getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException noMessageConstructor) {
            return e;
        }
        copy.setStackTrace(e.getStackTrace());
        for (Throwable s : e.getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    /**
     * The failure of an operation on a closed socket: {@code "Socket closed (read from ...)"},
     * or with the reason when the runtime's shutdown closed it.
     *
     * @param reason  {@code "closed"}, or why the socket was closed for its owner
     * @param context what was being done, with the address
     * @return the exception to throw
     */
    public static SocketException closed(String reason, String context) {
        return new SocketException("Socket closed" + (reason == null || reason.equals("closed") ? "" : ": " + reason)
                + " (" + context + ")");
    }

    /**
     * The failure of an I/O future polled on a thread that belongs to no runtime.
     *
     * @param what  the future, for the message
     * @param needs what it needs the runtime for: {@code "sockets need its I/O driver"}
     * @return the exception to throw
     */
    public static IllegalStateException outsideRuntime(Object what, String needs) {
        return new IllegalStateException(what + " was polled on thread '" + Thread.currentThread().getName()
                + "' outside any Ferrite runtime, and " + needs + ": run it in a task spawned on an AsyncRuntime"
                + " or inside AsyncRuntime.blockOn (io.ferrite.runtime.BlockOn has neither).");
    }
}
