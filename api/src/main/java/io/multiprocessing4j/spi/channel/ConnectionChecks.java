package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.Connection;
import java.util.Objects;

/**
 * The argument checks and buffer copy every {@link Connection} implementation needs for
 * {@code sendBytes} and {@code recvBytesInto}, with the same exceptions and messages everywhere.
 */
public final class ConnectionChecks {
    private ConnectionChecks() {
    }

    /**
     * Checks the arguments of {@link Connection#sendBytes(byte[], int, int)}.
     *
     * @param data the buffer
     * @param offset where the message starts
     * @param size its length
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public static void checkSlice(byte[] data, int offset, int size) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, size, data.length);
    }

    /**
     * Checks the arguments of {@link Connection#recvBytesInto(byte[], int)}, before anything is received.
     *
     * @param buffer the buffer
     * @param offset where the message is to go
     * @throws NullPointerException if {@code buffer} is null
     * @throws IndexOutOfBoundsException if {@code offset} is negative or beyond the buffer's end
     */
    public static void checkBuffer(byte[] buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " out of range for buffer length " + buffer.length);
        }
    }

    /**
     * Copies a received message into {@code buffer} from {@code offset}.
     *
     * @param message the message, already taken off the connection
     * @param buffer the buffer, checked by {@link #checkBuffer}
     * @param offset where the message goes
     * @return the message's length
     * @throws BufferTooShortException (carrying the message) if it does not fit
     */
    public static int copyInto(byte[] message, byte[] buffer, int offset) {
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("message of " + message.length + " bytes does not fit in "
                    + (buffer.length - offset) + " bytes", message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }
}
