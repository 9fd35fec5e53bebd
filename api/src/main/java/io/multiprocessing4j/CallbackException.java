package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by {@link AsyncResult#get()} when the task succeeded or failed but its callback (or error
 * callback) threw. The callback's exception is the cause. Result delivery to other tasks goes on.
 */
public class CallbackException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public CallbackException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public CallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
