package io.multiprocessing4j.threads;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ProcessScope;
import io.multiprocessing4j.spi.channel.ConnectionChecks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One end of an in-memory pipe. Objects are passed by reference, not copied. Messages sent with
 * {@code sendBytes} are kept apart from objects so that {@code recvBytes} returns them as sent;
 * mixing the two behaves as on the process backends, where every object travels serialized:
 * {@code recvBytes} of an object returns its Java serialized form, and {@code recv} of a bytes
 * message deserializes the bytes (each failing with {@link SerializationException} if it cannot).
 *
 * <p>An end is held by "processes" as a descriptor is (see {@link Holders}): {@link #close()}
 * ends the calling process's hold only, and the other end sees EOF once no process holds this one,
 * so the idioms of the process backends (the parent closes the child's end after starting it, and
 * sees EOF when the child ends) work unchanged.
 */
final class ThreadsConnection implements Connection {
    /** A message sent with {@code sendBytes}; the array is owned by the message. */
    private record Bytes(byte[] data) {
    }

    /** Stands for a {@code null} object, which the channel cannot hold. */
    private static final Object NULL = new Object();

    private final String label;
    private final Channel in;
    private final Channel out;
    // Guarded by this. Scopes compare by identity.
    private final Set<ProcessScope> holders = new HashSet<>();
    private final Set<ProcessScope> closedBy = new HashSet<>();
    private boolean released;

    private ThreadsConnection(String label, Channel in, Channel out) {
        this.label = label;
        this.in = in;
        this.out = out;
    }

    /**
     * Makes a pipe whose ends no process holds yet (see {@link #hold()}).
     *
     * @param duplex whether both ends send and receive; if not, left receives and right sends
     * @return its two ends
     */
    static Pipe pipe(boolean duplex) {
        Channel toLeft = new Channel();
        if (!duplex) {
            return new Pipe(new ThreadsConnection("left (receive-only)", toLeft, null),
                    new ThreadsConnection("right (send-only)", null, toLeft));
        }
        Channel toRight = new Channel();
        return new Pipe(new ThreadsConnection("left", toLeft, toRight), new ThreadsConnection("right", toRight, toLeft));
    }

    private Channel output() {
        checkOpen();
        if (out == null) {
            throw new IllegalStateException("cannot send on the " + label + " end of a one-way pipe: it only receives");
        }
        return out;
    }

    private Channel input() {
        checkOpen();
        if (in == null) {
            throw new IllegalStateException("cannot receive on the " + label + " end of a one-way pipe: it only sends");
        }
        return in;
    }

    /**
     * Makes the calling process a holder of this end.
     *
     * @return this end
     */
    ThreadsConnection hold() {
        hold(ProcessScope.current());
        return this;
    }

    /**
     * Makes {@code scope} a holder of this end, unless it closed it or the end is closed everywhere.
     *
     * @param scope a process
     */
    void hold(ProcessScope scope) {
        synchronized (this) {
            if (released || closedBy.contains(scope) || holders.contains(scope)) {
                return;
            }
            if (Holders.record(scope, this)) {
                holders.add(scope);
            }
        }
    }

    private void checkOpen() {
        ProcessScope scope = ProcessScope.current();
        synchronized (this) {
            if (closedBy.contains(scope)) {
                throw new IllegalStateException("connection (" + label + " end) is closed");
            }
            if (released) {
                throw new IllegalStateException("connection (" + label + " end) is closed in every process");
            }
            if (!holders.contains(scope) && Holders.record(scope, this)) {
                holders.add(scope);
            }
        }
    }

    /**
     * Drops the hold of a process that ended; the last hold dropped closes the end.
     *
     * @param scope the process
     */
    void release(ProcessScope scope) {
        boolean last;
        synchronized (this) {
            last = holders.remove(scope) && holders.isEmpty() && !released;
            released |= last;
        }
        if (last) {
            shutChannels();
        }
    }

    private void shutChannels() {
        if (out != null) {
            out.closeWriter();
        }
        if (in != null) {
            in.closeReader();
        }
    }

    @Override
    public void send(Object obj) {
        output().send(obj == null ? NULL : obj);
    }

    @Override
    public <T> T recv() {
        return recv(Long.MAX_VALUE, null);
    }

    @Override
    public <T> T recv(Duration timeout) {
        return recv(Checks.timeoutNanos(timeout), timeout);
    }

    @SuppressWarnings("unchecked")
    private <T> T recv(long nanos, Duration timeout) {
        Object m = take(nanos, timeout);
        if (m instanceof Bytes b) {
            return (T) deserialize(b.data());
        }
        return m == NULL ? null : (T) m;
    }

    private Object take(long nanos, Duration timeout) {
        Channel c = input();
        Object m;
        try {
            m = c.receive(nanos);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("recv", e);
        }
        if (m == Channel.TIMED_OUT) {
            throw new OperationTimeoutException("nothing was received within " + timeout);
        }
        return m;
    }

    @Override
    public void sendBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        sendBytes(data, 0, data.length);
    }

    @Override
    public void sendBytes(byte[] data, int offset, int size) {
        ConnectionChecks.checkSlice(data, offset, size);
        Channel c = output();
        c.send(new Bytes(Arrays.copyOfRange(data, offset, offset + size)));
    }

    @Override
    public byte[] recvBytes() {
        return bytesOf(take(Long.MAX_VALUE, null));
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) {
        ConnectionChecks.checkBuffer(buffer, offset);
        byte[] message = bytesOf(take(Long.MAX_VALUE, null));
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("message of " + message.length + " bytes does not fit in "
                    + (buffer.length - offset) + " bytes of the buffer from offset " + offset, message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    private static byte[] bytesOf(Object message) {
        if (message instanceof Bytes b) {
            return b.data();
        }
        Object obj = message == NULL ? null : message;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(obj);
        } catch (NotSerializableException e) {
            throw new SerializationException("recvBytes of an object that was sent with send(): its class "
                    + e.getMessage() + " is not serializable", e);
        } catch (IOException e) {
            throw new SerializationException("recvBytes of an object that was sent with send(): " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] data) {
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return ois.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new SerializationException("recv of a message sent with sendBytes(): its " + data.length
                    + " bytes are not a serialized object (" + e + ")", e);
        }
    }

    @Override
    public boolean poll() {
        try {
            return input().awaitReadable(0);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("poll", e);
        }
    }

    @Override
    public boolean poll(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        try {
            return input().awaitReadable(nanos);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("poll", e);
        }
    }

    @Override
    public boolean readable() {
        return in != null;
    }

    @Override
    public boolean writable() {
        return out != null;
    }

    @Override
    public boolean closed() {
        ProcessScope scope = ProcessScope.current();
        synchronized (this) {
            return released || closedBy.contains(scope);
        }
    }

    @Override
    public void close() {
        ProcessScope scope = ProcessScope.current();
        boolean last;
        synchronized (this) {
            if (!closedBy.add(scope)) {
                return;
            }
            holders.remove(scope);
            last = holders.isEmpty() && !released;
            released |= last;
        }
        Holders.forget(scope, this);
        if (last) {
            shutChannels();
        }
    }

    @Override
    public String toString() {
        return "ThreadsConnection[" + label + (closed() ? ", closed]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
