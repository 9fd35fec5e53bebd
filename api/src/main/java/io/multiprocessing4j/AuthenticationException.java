package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown when a peer fails the HMAC challenge on the context's key. The peer is dropped before any of
 * its bytes are deserialized. Python's {@code multiprocessing.AuthenticationError}.
 */
public class AuthenticationException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
