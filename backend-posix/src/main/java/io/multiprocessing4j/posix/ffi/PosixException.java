package io.multiprocessing4j.posix.ffi;

import io.multiprocessing4j.MultiprocessingException;
import java.io.Serial;

/**
 * A native call failed. The message names the call with its arguments, the errno number, its
 * symbolic name where known and the {@code strerror} text, for example
 * {@code shm_open("/mp4j-x", O_RDWR|O_CREAT, 0600) failed: errno 17 (EEXIST): File exists}.
 */
public class PosixException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The function that failed, or null when this exception was built from a bare message. */
    private final String function;
    /** The errno value, or 0 when the failure did not come with one. */
    private final int errno;

    /** Creates an exception with a message and no errno. @param message what went wrong */
    public PosixException(String message) {
        super(message);
        this.function = null;
        this.errno = 0;
    }

    /**
     * Creates an exception with a message, a cause and no errno.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public PosixException(String message, Throwable cause) {
        super(message, cause);
        this.function = null;
        this.errno = 0;
    }

    /**
     * Creates an exception for a failed call.
     *
     * @param function the function's name, e.g. {@code shm_open}
     * @param call the call as it was made, e.g. {@code shm_open("/x", O_RDWR, 0600)}
     * @param errno the error number the call reported
     */
    public PosixException(String function, String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.function = function;
        this.errno = errno;
    }

    /** @return the name of the function that failed, or null if unknown */
    public String function() {
        return function;
    }

    /** @return the errno value the call reported, or 0 if none */
    public int errno() {
        return errno;
    }

    /** @return the errno's symbolic name, e.g. {@code ENOENT}, or null if unknown or none */
    public String errnoName() {
        return errno == 0 ? null : Errno.name(errno);
    }
}
