package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by {@link Connection#recv()} and friends when nothing is left to read and the other end
 * has been closed (or its process has died). Python's {@code EOFError}.
 */
public class ConnectionEOFException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public ConnectionEOFException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public ConnectionEOFException(String message, Throwable cause) {
        super(message, cause);
    }
}
