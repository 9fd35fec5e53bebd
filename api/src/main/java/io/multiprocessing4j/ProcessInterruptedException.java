package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by a blocking call of this library when the calling thread is interrupted while it waits.
 * The thread's interrupt status is set again before this is thrown, so code further up still sees it.
 */
public class ProcessInterruptedException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public ProcessInterruptedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public ProcessInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
