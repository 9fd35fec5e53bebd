package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown when a bounded wait expired on a call that has no quieter way to say so (for example
 * {@link Connection#recv(java.time.Duration)}). Calls that Python answers with {@code False} on
 * timeout ({@code Lock.acquire}, {@code Event.wait}) return {@code false} instead.
 */
public class OperationTimeoutException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public OperationTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public OperationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
