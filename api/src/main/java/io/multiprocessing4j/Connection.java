package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. It is a
 * serializable handle; sent to a child (as an argument or inside a message) it reattaches there.
 *
 * <p>Messages are delimited: one {@code send} is one {@code recv}. After the other end closed
 * (or its process died) and everything sent was read, receiving throws
 * {@link ConnectionEOFException}. Using an end after {@link #close()} throws
 * {@link IllegalStateException}; sending on a receive-only end, or receiving on a send-only end,
 * throws {@link IllegalStateException} naming the direction.
 */
public interface Connection extends AutoCloseable, Serializable {
    /**
     * Sends an object, serialized now.
     *
     * @param obj the object (may be null)
     * @throws SerializationException if {@code obj} cannot be serialized, naming the class
     * @throws IllegalStateException if this end is closed or receive-only
     * @throws ConnectionEOFException if the other end is gone
     */
    void send(Object obj);

    /**
     * Receives the next object, waiting for it.
     *
     * @param <T> the type the caller expects (unchecked, as Python's is untyped)
     * @return the object
     * @throws ConnectionEOFException if nothing is left and the other end is closed
     * @throws IllegalStateException if this end is closed or send-only
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    <T> T recv();

    /**
     * Receives the next object, waiting at most {@code timeout}.
     *
     * @param <T> the type the caller expects
     * @param timeout the longest wait
     * @return the object
     * @throws OperationTimeoutException if nothing arrived in time
     * @throws ConnectionEOFException if nothing is left and the other end is closed
     * @throws IllegalStateException if this end is closed or send-only
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    <T> T recv(Duration timeout);

    /**
     * Sends raw bytes as one message.
     *
     * @param data the bytes
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalStateException if this end is closed or receive-only
     * @throws ConnectionEOFException if the other end is gone
     */
    void sendBytes(byte[] data);

    /**
     * Sends {@code size} bytes of {@code data} from {@code offset} as one message.
     *
     * @param data the buffer
     * @param offset where the message starts
     * @param size its length
     * @throws IndexOutOfBoundsException if the range lies outside {@code data}
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalStateException if this end is closed or receive-only
     * @throws ConnectionEOFException if the other end is gone
     */
    void sendBytes(byte[] data, int offset, int size);

    /**
     * Receives the next message as bytes (it must have been sent with {@code sendBytes}, or its
     * serialized form is returned).
     *
     * @return the message
     * @throws ConnectionEOFException if nothing is left and the other end is closed
     * @throws IllegalStateException if this end is closed or send-only
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    byte[] recvBytes();

    /**
     * Receives the next message into {@code buffer} from {@code offset}.
     *
     * @param buffer where to put it
     * @param offset where in {@code buffer} to start
     * @return the message's length
     * @throws BufferTooShortException if it does not fit; the exception carries the whole message
     * @throws IndexOutOfBoundsException if {@code offset} lies outside {@code buffer}
     * @throws ConnectionEOFException if nothing is left and the other end is closed
     * @throws IllegalStateException if this end is closed or send-only
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    int recvBytesInto(byte[] buffer, int offset);

    /**
     * Receives the next message into {@code buffer} from its start.
     *
     * @param buffer where to put it
     * @return the message's length
     * @throws BufferTooShortException if it does not fit; the exception carries the whole message
     * @throws ConnectionEOFException if nothing is left and the other end is closed
     * @throws IllegalStateException if this end is closed or send-only
     */
    default int recvBytesInto(byte[] buffer) {
        return recvBytesInto(buffer, 0);
    }

    /**
     * Says whether a message (or EOF) can be read now without waiting.
     *
     * @return whether {@code recv} would not block
     * @throws IllegalStateException if this end is closed or send-only
     */
    boolean poll();

    /**
     * Waits at most {@code timeout} for a message (or EOF) to be readable.
     *
     * @param timeout the longest wait
     * @return whether {@code recv} would not block
     * @throws IllegalStateException if this end is closed or send-only
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean poll(Duration timeout);

    /** @return whether this end can receive */
    boolean readable();

    /** @return whether this end can send */
    boolean writable();

    /** @return whether this end was closed in this process */
    boolean closed();

    /** Closes this end in this process; the other end then sees EOF. Idempotent. */
    @Override
    void close();
}
