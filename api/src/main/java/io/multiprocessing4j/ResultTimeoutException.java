package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by {@link AsyncResult#get(java.time.Duration)} when the result is not ready in time.
 * Python's {@code multiprocessing.TimeoutError}.
 */
public class ResultTimeoutException extends OperationTimeoutException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public ResultTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public ResultTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
