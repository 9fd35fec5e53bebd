package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by a {@link Manager} proxy when its manager has shut down or its server process is gone.
 * It is thrown at once, never after a hang.
 */
public class ManagerUnavailableException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public ManagerUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public ManagerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
