package io.multiprocessing4j;

import java.io.Serial;
import java.util.Objects;

/**
 * A task that ran in another process (or pool worker) threw. The {@linkplain #getCause() cause} is
 * the task's own exception with its remote stack trace kept; when that exception could not be
 * deserialized here, the cause is {@code null} and {@link #remoteClassName()} and
 * {@link #remoteStackTrace()} still tell what happened.
 */
public class RemoteException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteStackTrace;

    /**
     * Wraps a task's exception.
     *
     * @param message what ran and where (for example the worker's name)
     * @param cause the task's exception, or {@code null} if it could not be deserialized
     * @param remoteClassName the class name of the task's exception
     * @param remoteStackTrace the task's stack trace as printed in the remote process
     * @throws NullPointerException if {@code remoteClassName} or {@code remoteStackTrace} is null
     */
    public RemoteException(String message, Throwable cause, String remoteClassName, String remoteStackTrace) {
        super(message, cause);
        this.remoteClassName = Objects.requireNonNull(remoteClassName, "remoteClassName");
        this.remoteStackTrace = Objects.requireNonNull(remoteStackTrace, "remoteStackTrace");
    }

    /** Wraps an exception that was thrown and deserialized intact. @param message what ran and where @param cause the task's exception */
    public RemoteException(String message, Throwable cause) {
        this(message, Objects.requireNonNull(cause, "cause"), cause.getClass().getName(), stackTraceOf(cause));
    }

    /** @return the class name of the task's exception, known even when it could not be deserialized */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** @return the task's stack trace as the remote process printed it */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    private static String stackTraceOf(Throwable t) {
        var out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
