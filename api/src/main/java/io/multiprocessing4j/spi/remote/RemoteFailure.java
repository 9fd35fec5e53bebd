package io.multiprocessing4j.spi.remote;

import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * An exception thrown in another process, in a form that always travels: its class name, message
 * and printed stack trace, plus the exception itself when it can be serialized. The receiver gets
 * the original exception back when possible, and a {@link RemoteException} that still names the
 * class and keeps the stack when not.
 */
public final class RemoteFailure implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String message;
    private final String stackTrace;
    private final byte[] serialized;
    /** The exception itself where nothing is serialized (threads backend); lost, on purpose, in transit. */
    private final transient Throwable live;

    private RemoteFailure(String className, String message, String stackTrace, byte[] serialized, Throwable live) {
        this.className = className;
        this.message = message;
        this.stackTrace = stackTrace;
        this.serialized = serialized;
        this.live = live;
    }

    /** @return the exception's class name */
    public String className() {
        return className;
    }

    /** @return the remote stack trace as printed there */
    public String stackTrace() {
        return stackTrace;
    }

    /**
     * Captures an exception.
     *
     * @param t the exception
     * @param serialize whether to serialize it (process backends) or keep the object (threads)
     * @return the failure
     */
    public static RemoteFailure of(Throwable t, boolean serialize) {
        String stack = stackTraceOf(t);
        if (!serialize) {
            return new RemoteFailure(t.getClass().getName(), t.getMessage(), stack, null, t);
        }
        byte[] bytes;
        try {
            bytes = Codec.serialize(t);
        } catch (RuntimeException e) {
            bytes = null;
        }
        return new RemoteFailure(t.getClass().getName(), t.getMessage(), stack, bytes, null);
    }

    /** @return the original exception if it arrived intact, else null */
    public Throwable exception() {
        if (live != null) {
            return live;
        }
        if (serialized == null) {
            return null;
        }
        try {
            return Codec.deserialize(serialized) instanceof Throwable t ? t : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param where what ran and where, for the message
     * @return a {@link RemoteException} whose cause is the original exception (or null if it could
     *     not be read back), naming the class and keeping the remote stack trace
     */
    public RemoteException toRemoteException(String where) {
        return new RemoteException(where + " raised " + className + (message == null ? "" : ": " + message),
                exception(), className, stackTrace);
    }

    /**
     * @param t an exception
     * @return its stack trace as {@link Throwable#printStackTrace()} prints it
     */
    public static String stackTraceOf(Throwable t) {
        var out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
