package io.multiprocessing4j.spi;

import java.io.Serial;

/**
 * Thrown by {@link io.multiprocessing4j.Multiprocessing#exit(int)} on backends where a process is
 * a thread, to unwind that thread's stack, as Python's {@code SystemExit} does. The backend's
 * runner catches it and records the exit code. It is an {@link Error} so that {@code catch
 * (Exception e)} in user code does not swallow it.
 */
public final class ExitRequest extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * @param code the exit code (already reduced to 8 bits)
     * @param message printed to standard error by the runner, or null
     */
    public ExitRequest(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** @return the exit code */
    public int code() {
        return code;
    }
}
