package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown when a {@link SharedQueue} stays empty: by {@code getNowait}, or by a timed {@code get} whose
 * timeout expired. Python's {@code queue.Empty}.
 */
public class QueueEmptyException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public QueueEmptyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public QueueEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
