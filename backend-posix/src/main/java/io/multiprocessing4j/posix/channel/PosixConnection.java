package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.FdPassing;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.channel.ConnectionChecks;
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
 * <p>An end travels as the descriptor itself ({@link FdTransfer}): as a process argument (or a
 * field of a {@code ChildProcess}) it is mapped into the child at spawn; inside a message sent over
 * another pipe it is attached as {@code SCM_RIGHTS}. Each message on the socket is one byte (how
 * many descriptors it carries) and then the bytes of the object or of {@code sendBytes}. Putting an
 * end into a queue is refused with {@link io.multiprocessing4j.SerializationException}: shared
 * memory cannot carry a descriptor.
 *
 * <p>Each pipe also has a {@link RingFile}: shared memory through which large bodies travel
 * beside the socket ({@link RingPath}). Its descriptor travels with each end, as a second one, so
 * whichever process holds an end can read what was written through the ring. If it cannot be
 * made (no descriptors or memory left), the pipe works through the socket alone.
 */
public final class PosixConnection implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int[] NO_FDS = new int[0];
    /** Asked-for {@code SO_SNDBUF} of each end (the kernel books twice that, capped by wmem_max). */
    private static final int SEND_BUFFER = 512 * 1024;

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
        return pipe(duplex, false);
    }

    /**
     * Makes a duplex pipe whose ends each have a single reader for good (a pool's worker pipe:
     * one end stays with the pool, the other goes to one child), so that reads may take several
     * messages from the socket at once ({@link FdChannel#FdChannel(int, RingFile, int, boolean)}).
     *
     * @return the pipe
     */
    public static Pipe privatePipe() {
        return pipe(true, true);
    }

    private static Pipe pipe(boolean duplex, boolean readAhead) {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        // A larger send buffer than the default 208 KiB lets a sender of large messages run
        // further ahead of its reader before it must wait: measured +40-60% on recv_bytes of
        // 64 KiB chunks. It costs kernel memory only while bytes are in flight.
        try {
            SocketIo.setSendBuffer(pair[0], SEND_BUFFER);
            SocketIo.setSendBuffer(pair[1], SEND_BUFFER);
        } catch (RuntimeException e) {
            Descriptors.close(pair[0]);
            Descriptors.close(pair[1]);
            throw e;
        }
        RingFile left = rings();
        RingFile right = null;
        try {
            right = left == null ? null : left.duplicate();
        } catch (RuntimeException e) {
            left.close();
            left = null;
        }
        // the left end writes half 0 and reads half 1; the right end the other way round
        return new Pipe(new PosixConnection(new FdChannel(pair[0], left, 0, readAhead), true, duplex),
                new PosixConnection(new FdChannel(pair[1], right, 1, readAhead), duplex, true));
    }

    /** @return a new ring file, or null if none can be made: the pipe then uses its socket alone */
    private static RingFile rings() {
        try {
            return RingFile.create();
        } catch (RuntimeException e) {
            return null;
        }
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
        out.writeBoolean(transfer.mode() == FdTransfer.Mode.SPAWN);
        out.writeInt(transfer.add(channel.fd()));
        RingPath ring = channel.ring();
        // a copy of its own for each end, even when both ends travel together
        out.writeInt(ring == null ? -1 : transfer.addCopy(ring.file().fd()));
        out.writeByte(ring == null ? 0 : ring.outHalf());
        out.writeBoolean(channel.readsAhead());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        boolean spawned = in.readBoolean();
        int number = in.readInt();
        int ringNumber = in.readInt();
        int outHalf = in.readByte();
        boolean readAhead = in.readBoolean();
        childFd = spawned ? number : FdTransfer.incoming(number);
        Descriptors.setCloseOnExec(childFd, true); // ours alone: not inherited by our own children
        int ringFd = ringNumber < 0 ? -1 : spawned ? ringNumber : FdTransfer.incoming(ringNumber);
        if (ringFd >= 0) {
            Descriptors.setCloseOnExec(ringFd, true);
        }
        if (outHalf != 0 && outHalf != 1) {
            throw new java.io.InvalidObjectException("a pipe end writing ring half " + outHalf);
        }
        channel = new FdChannel(childFd, ringFd < 0 ? null : RingFile.adopt(ringFd), outHalf, readAhead);
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
        FdTransfer transfer = new FdTransfer(FdTransfer.Mode.MESSAGE);
        byte[] bytes = FdTransfer.collecting(transfer, () -> Codec.serialize(obj));
        int[] fds = transfer.descriptors().stream().mapToInt(Integer::intValue).toArray();
        if (fds.length > FdPassing.MAX_FDS) {
            throw new io.multiprocessing4j.SerializationException("a message may carry at most " + FdPassing.MAX_FDS
                    + " descriptors (two per pipe end), not " + fds.length);
        }
        c.writeTagged(fds.length, bytes, 0, bytes.length, fds);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        return (T) decode(open(true).readTagged(Long.MAX_VALUE, null, 0));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv(Duration timeout) {
        return (T) decode(receive(timeout));
    }

    private Object decode(FdChannel.Frame frame) {
        int[] fds = channel.takeDescriptors(frame.tag());
        try {
            return FdTransfer.receiving(fds, () -> Codec.deserialize(frame.body()));
        } catch (RuntimeException e) {
            for (int fd : fds) {
                Descriptors.close(fd); // an end that was not rebuilt must not leak
            }
            throw e;
        }
    }

    /** Closes the descriptors of a raw message, which nobody will claim. */
    private FdChannel.Frame raw(FdChannel.Frame frame) {
        for (int fd : channel.takeDescriptors(frame.tag())) {
            Descriptors.close(fd);
        }
        return frame;
    }

    private FdChannel.Frame receive(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        FdChannel.Frame message = open(true).readTagged(nanos, null, 0);
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
        ConnectionChecks.checkSlice(data, offset, size);
        open(false).writeTagged(0, data, offset, size, NO_FDS);
    }

    @Override
    public byte[] recvBytes() {
        return raw(open(true).readTagged(Long.MAX_VALUE, null, 0)).body();
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) {
        ConnectionChecks.checkBuffer(buffer, offset);
        FdChannel.Frame message = raw(open(true).readTagged(Long.MAX_VALUE, buffer, offset));
        if (message.body() != buffer) {
            return ConnectionChecks.copyInto(message.body(), buffer, offset); // too long: BufferTooShortException
        }
        return message.length();
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
