package io.multiprocessing4j;

import java.io.Serial;

/**
 * Root of every exception this library defines. All of them are unchecked, so that code written
 * against Python's {@code multiprocessing} vocabulary reads as plainly in Java as it does there.
 */
public class MultiprocessingException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. @param message what went wrong, naming the bad value */
    public MultiprocessingException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the bad value
     * @param cause the underlying failure
     */
    public MultiprocessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
