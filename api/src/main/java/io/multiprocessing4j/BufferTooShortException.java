package io.multiprocessing4j;

import java.io.Serial;

/**
 * Thrown by {@link Connection#recvBytesInto(byte[], int)} when the message does not fit in the
 * buffer. The whole message is consumed from the connection and kept here, so nothing is lost.
 * Python's {@code multiprocessing.BufferTooShort}.
 */
public class BufferTooShortException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] message;

    /**
     * Creates the exception.
     *
     * @param detail names the buffer's free space and the message's length
     * @param message the whole message that did not fit (not copied)
     */
    public BufferTooShortException(String detail, byte[] message) {
        super(detail);
        this.message = message;
    }

    /** @return the whole message that did not fit */
    public byte[] messageBytes() {
        return message;
    }
}
