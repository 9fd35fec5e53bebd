package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown when a bounded {@link SharedQueue} stays full: by {@code putNowait}, or by a timed {@code put} whose
 * timeout expired. Python's {@code queue.Full}.
 */
public class QueueFullException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public QueueFullException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public QueueFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
