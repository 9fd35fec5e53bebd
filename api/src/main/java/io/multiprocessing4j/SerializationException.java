package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown in the caller when a value cannot be serialized for another process (at {@code start()},
 * {@code put()}, {@code send()}, a pool submission), or when received bytes are refused by the
 * deserialization filter. The message names the offending class.
 */
public class SerializationException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
