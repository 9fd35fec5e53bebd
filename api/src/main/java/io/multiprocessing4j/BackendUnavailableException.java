package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown when a backend is asked for by a name that is unknown or unavailable, or when no backend is
 * available at all. The message lists every backend found and why each unavailable one cannot run.
 */
public class BackendUnavailableException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
