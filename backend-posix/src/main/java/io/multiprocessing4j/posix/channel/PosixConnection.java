package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * One end of a posix pipe: a {@code socketpair} end, framed by {@link FdChannel}. Objects go
 * through the SPI's {@link Codec} (filtered deserialization). The end is the socket itself, so end
 * of file is the kernel's: it comes when every copy of the other end is closed, or every process
 * holding one died.
 *
 * <p>Passing an end to a child works as a process argument (or a field of a {@code ChildProcess}):
 * {@link FdTransfer} maps the descriptor into the child at spawn. Sending an end through a queue or
 * another pipe is refused with {@link io.multiprocessing4j.SerializationException}: a descriptor
 * cannot travel in bytes (that would need {@code SCM_RIGHTS}, not implemented).
 */
public final class PosixConnection implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean readable;
    private final boolean writable;
    private transient FdChannel channel;
    private transient int childFd = -1;
    private transient volatile boolean closed;

    private PosixConnection(FdChannel channel, boolean readable, boolean writable) {
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Makes a pipe.
     *
     * @param duplex whether both ends send and receive; else {@code left} receives, {@code right} sends
     * @return the pipe
     */
    public static Pipe pipe(boolean duplex) {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        return new Pipe(new PosixConnection(new FdChannel(pair[0]), true, duplex),
                new PosixConnection(new FdChannel(pair[1]), duplex, true));
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        FdTransfer transfer = FdTransfer.current();
        if (transfer == null) {
            throw new NotSerializableException(PosixConnection.class.getName()
                    + " (a posix pipe end can be given to a child only as an argument of its process)");
        }
        if (closed) {
            throw new NotSerializableException(PosixConnection.class.getName() + " (this pipe end is closed)");
        }
        out.defaultWriteObject();
        out.writeInt(transfer.add(channel.fd()));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        childFd = in.readInt();
        Descriptors.setCloseOnExec(childFd, true); // ours alone: not inherited by our own children
        channel = new FdChannel(childFd);
    }

    private FdChannel open(boolean forReading) {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
        if (forReading && !readable) {
            throw new IllegalStateException("this end of a one-way pipe only sends");
        }
        if (!forReading && !writable) {
            throw new IllegalStateException("this end of a one-way pipe only receives");
        }
        return channel;
    }

    @Override
    public void send(Object obj) {
        FdChannel c = open(false);
        byte[] bytes = Codec.serialize(obj);
        c.write(bytes, 0, bytes.length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        return (T) Codec.deserialize(open(true).read(Long.MAX_VALUE));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv(Duration timeout) {
        return (T) Codec.deserialize(receive(timeout));
    }

    private byte[] receive(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        byte[] message = open(true).read(nanos);
        if (message == null) {
            throw new OperationTimeoutException("nothing received within " + timeout);
        }
        return message;
    }

    @Override
    public void sendBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        sendBytes(data, 0, data.length);
    }

    @Override
    public void sendBytes(byte[] data, int offset, int size) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, size, data.length);
        open(false).write(data, offset, size);
    }

    @Override
    public byte[] recvBytes() {
        return open(true).read(Long.MAX_VALUE);
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " out of range for buffer length " + buffer.length);
        }
        byte[] message = open(true).read(Long.MAX_VALUE);
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("message of " + message.length + " bytes does not fit in "
                    + (buffer.length - offset) + " bytes", message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    @Override
    public boolean poll() {
        return open(true).poll(0);
    }

    @Override
    public boolean poll(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        return open(true).poll(nanos);
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
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "PosixConnection[fd " + channel.fd() + (readable ? " r" : "") + (writable ? " w" : "")
                + (closed ? ", closed]" : "]");
    }
}
