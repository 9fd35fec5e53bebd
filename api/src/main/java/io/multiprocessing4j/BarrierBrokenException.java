package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown to every party waiting at a {@link SharedBarrier} that was broken: by {@code abort()},
 * {@code reset()} while parties wait, an action that threw, or a timed {@code await} that expired.
 * Python's {@code threading.BrokenBarrierError}.
 */
public class BarrierBrokenException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. @param message what happened, naming the value or object involved */
    public BarrierBrokenException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the value or object involved
     * @param cause the underlying failure
     */
    public BarrierBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
