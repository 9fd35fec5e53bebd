package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Connection} over a {@link FramedChannel}: one message per frame, objects through
 * {@link Codec}. Subclasses say where the channel comes from ({@link #channel()}, which may attach
 * lazily) and what closing frees ({@link #release()}). It checks direction and state itself.
 */
public abstract class FramedConnection implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean readable;
    private final boolean writable;
    private transient volatile boolean closed;

    /**
     * @param readable whether this end receives
     * @param writable whether this end sends
     */
    protected FramedConnection(boolean readable, boolean writable) {
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * @return the channel to use, attached if necessary
     * @throws ConnectionEOFException if it cannot be attached because the peer is gone
     */
    protected abstract FramedChannel channel();

    /** Frees the channel; called once, by the first {@link #close()}. */
    protected abstract void release();

    @Override
    public void send(Object obj) {
        checkWritable();
        byte[] bytes = Codec.serialize(obj);
        writeFrame(bytes, 0, bytes.length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        checkReadable();
        return (T) Codec.deserialize(receive(Long.MAX_VALUE));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        checkReadable();
        return (T) Codec.deserialize(receive(nanos));
    }

    @Override
    public void sendBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        sendBytes(data, 0, data.length);
    }

    @Override
    public void sendBytes(byte[] data, int offset, int size) {
        ConnectionChecks.checkSlice(data, offset, size);
        checkWritable();
        writeFrame(data, offset, size);
    }

    /**
     * Writes one message; subclasses may add a header their peer strips.
     *
     * @param data the buffer
     * @param offset where the message starts
     * @param size its length
     */
    protected void writeFrame(byte[] data, int offset, int size) {
        channel().write(data, offset, size);
    }

    @Override
    public byte[] recvBytes() {
        checkReadable();
        return receive(Long.MAX_VALUE);
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) {
        ConnectionChecks.checkBuffer(buffer, offset);
        checkReadable();
        byte[] message = receive(Long.MAX_VALUE);
        return ConnectionChecks.copyInto(message, buffer, offset);
    }

    @Override
    public boolean poll() {
        checkReadable();
        return channel().poll(0);
    }

    @Override
    public boolean poll(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        checkReadable();
        return channel().poll(nanos);
    }

    @Override
    public boolean readable() {
        return readable;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release();
    }

    private byte[] receive(long nanos) {
        byte[] m = channel().read(nanos);
        if (m == null) {
            throw new OperationTimeoutException("no message arrived within " + Duration.ofNanos(nanos));
        }
        return m;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    private void checkReadable() {
        checkOpen();
        if (!readable) {
            throw new IllegalStateException("this connection end is send-only (the right end of a one-way pipe): it cannot receive");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException("this connection end is receive-only (the left end of a one-way pipe): it cannot send");
        }
    }
}
