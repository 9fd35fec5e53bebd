package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Messages over a connected stream socket descriptor (a {@code socketpair} end): each is a 4-byte
 * big-endian length and that many bytes, the framing of the SPI's
 * {@link io.multiprocessing4j.spi.channel.FramedChannel}, so a child's
 * {@code FramedChannel} on the inherited end and this on ours speak the same protocol. A
 * <em>tagged</em> message ({@link #writeTagged}, {@link #readTagged}) is the same frame whose first
 * byte is a tag.
 *
 * <p><b>Copies.</b> Each channel keeps two native buffers, allocated on first use and reused: an
 * {@link Inbox} of {@value #INBOX} bytes that {@code recvmsg} fills (it alone collects descriptors
 * passed with {@code SCM_RIGHTS}), and an {@link Outbox} for headers and small messages, sent in
 * one call. A message's body beyond what the inbox already holds, and a large message's body when
 * sent, move straight between the socket and the Java array ({@link SocketIo}); such a read asks
 * for exactly the rest of the body, so it never consumes the next message, whose first bytes are
 * the only ones descriptors can be attached to (the kernel attaches them to the first buffer of a
 * {@code sendmsg}, and a read stops after a buffer that carried some). After a large message the
 * inbox asks for the next header alone, so that a stream of large messages is never staged.
 *
 * <p><b>Waiting</b> ({@link SocketWait}): a short adaptive spin, then {@code poll} in slices of at
 * most {@value #SLICE_MILLIS} ms, so interrupts and {@link #close()} are seen; a virtual thread
 * looks and parks instead. Sends use {@code MSG_DONTWAIT|MSG_NOSIGNAL} (a vanished peer gives
 * EPIPE, not SIGPIPE).
 *
 * <p>Reads are serialized among themselves, and so are writes (each direction's buffer is guarded
 * by its lock). {@link #close()} waits for the calls in progress to leave (at most a slice) before
 * closing the descriptor, so that no call ever touches a number the kernel has reused.
 */
public final class FdChannel implements AutoCloseable {
    static final int SLICE_MILLIS = 100;
    /** Native receive buffer; a larger body goes straight into its array. */
    static final int INBOX = 16 * 1024;
    /** Native send buffer: header plus a body that fits goes in one call. */
    static final int OUTBOX = 16 * 1024;
    /** A tagged frame's header: the 4-byte length and the tag. */
    static final int HEAD = 5;
    private static final int[] NO_FDS = new int[0];

    private final int fd;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final AtomicInteger active = new AtomicInteger();
    private final Deque<Integer> received = new ArrayDeque<>();
    /** Guarded by readLock. */
    private final Inbox inbox;
    /** Guarded by writeLock. */
    private final Outbox outbox;
    /**
     * Guarded by readLock: whether the last message read was a large one, so that the next read
     * from the socket asks for a header alone ({@link #HEAD} bytes) and leaves that message's
     * body in the socket, to be read straight into its array.
     */
    private boolean bulk;
    private volatile boolean closed;
    /** How each direction waits (each guarded by its lock). */
    private final SocketWait readWait;
    private final SocketWait writeWait;

    /**
     * A tagged message.
     *
     * @param tag its first byte, 0 to 255
     * @param body the array holding the rest: the caller's, or a fresh one of exactly {@code length}
     * @param length the rest's length
     */
    public record Frame(int tag, byte[] body, int length) {
    }

    /** @param fd a connected stream socket, close-on-exec; this channel owns it */
    public FdChannel(int fd) {
        this.fd = fd;
        inbox = new Inbox(fd, received, INBOX);
        outbox = new Outbox(fd, OUTBOX, this);
        readWait = new SocketWait(fd, Descriptors.POLLIN, "receive");
        writeWait = new SocketWait(fd, Descriptors.POLLOUT, "send");
    }

    /** @return the descriptor (to map into a child) */
    public int fd() {
        return fd;
    }

    /**
     * Writes one message.
     *
     * @param data the message
     * @param offset its start
     * @param length its length
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while the socket was full
     */
    public void write(byte[] data, int offset, int length) {
        writeFrame(-1, data, offset, length, NO_FDS);
    }

    /**
     * Writes one message with descriptors attached to its first bytes ({@code SCM_RIGHTS}); the
     * reader collects them with {@link #takeDescriptors}.
     *
     * @param data the message
     * @param offset its start
     * @param length its length
     * @param fds descriptors to pass (the receiver gets its own copies), possibly none
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while the socket was full
     */
    public void write(byte[] data, int offset, int length, int[] fds) {
        writeFrame(-1, data, offset, length, fds);
    }

    /**
     * Writes one message of a tag byte and then {@code length} bytes of {@code data}, with
     * descriptors attached, without first copying them together.
     *
     * @param tag the first byte, 0 to 255
     * @param data the rest
     * @param offset its start
     * @param length its length, at most {@code Integer.MAX_VALUE - 1}
     * @param fds descriptors to pass, possibly none
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while the socket was full
     */
    public void writeTagged(int tag, byte[] data, int offset, int length, int[] fds) {
        if ((tag & ~0xFF) != 0 || length == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tag " + tag + " or length " + length + " out of range");
        }
        writeFrame(tag, data, offset, length, fds);
    }

    private void writeFrame(int tag, byte[] data, int offset, int length, int[] fds) {
        Objects.checkFromIndexSize(offset, length, data.length);
        enter();
        try {
            synchronized (writeLock) {
                outbox.send(tag, data, offset, length, fds);
            }
        } finally {
            leave();
        }
    }

    /**
     * Reads the next message.
     *
     * @param timeoutNanos longest wait for it to start; {@link Long#MAX_VALUE} for ever
     * @return the message, or null on timeout
     * @throws ConnectionEOFException at end of stream
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public byte[] read(long timeoutNanos) {
        enter();
        try {
            synchronized (readLock) {
                if (!awaitData(timeoutNanos)) {
                    return null;
                }
                byte[] out = new byte[readLength()];
                readFully(out, 0, out.length);
                bulk = out.length >= INBOX;
                return out;
            }
        } finally {
            leave();
        }
    }

    /**
     * Reads the next message as a tag and the rest, putting the rest straight into {@code into}
     * (at {@code intoOffset}) when it fits there.
     *
     * @param timeoutNanos longest wait for it to start; {@link Long#MAX_VALUE} for ever
     * @param into where the rest should go, or null for a fresh array
     * @param intoOffset where in {@code into}
     * @return the message, or null on timeout; its body is {@code into} only if it fitted
     * @throws ConnectionEOFException at end of stream, or if the message is empty (no tag)
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public Frame readTagged(long timeoutNanos, byte[] into, int intoOffset) {
        enter();
        try {
            synchronized (readLock) {
                if (!awaitData(timeoutNanos)) {
                    return null;
                }
                int length = readLength();
                if (length < 1) {
                    throw new ConnectionEOFException("corrupt stream: a message without its tag byte");
                }
                ensure(1);
                int tag = inbox.takeByte();
                int size = length - 1;
                boolean fits = into != null && size <= into.length - intoOffset;
                byte[] body = fits ? into : new byte[size];
                readFully(body, fits ? intoOffset : 0, size);
                bulk = size >= INBOX;
                return new Frame(tag, body, size);
            }
        } finally {
            leave();
        }
    }

    /**
     * @param timeoutNanos longest wait (0: just look)
     * @return whether a message or end of stream can be read without waiting for its first byte
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public boolean poll(long timeoutNanos) {
        enter();
        try {
            synchronized (readLock) {
                return awaitData(timeoutNanos);
            }
        } finally {
            leave();
        }
    }

    /**
     * Takes descriptors that arrived with the messages read so far, oldest first.
     *
     * @param count how many the message just read carried
     * @return them (the caller owns them)
     * @throws ConnectionEOFException if fewer arrived (the stream is corrupt)
     */
    public int[] takeDescriptors(int count) {
        if (count == 0) {
            return NO_FDS;
        }
        synchronized (readLock) {
            if (received.size() < count) {
                throw new ConnectionEOFException("a message announced " + count + " descriptors but "
                        + received.size() + " arrived");
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = received.poll();
            }
            return out;
        }
    }

    /** @return bytes of message bodies staged in the inbox so far (tests) */
    long stagedBytes() {
        synchronized (readLock) {
            return inbox.staged();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the descriptor once calls in progress have left. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        while (active.get() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
        Descriptors.close(fd);
        synchronized (readLock) {
            for (Integer unclaimed; (unclaimed = received.poll()) != null; ) {
                Descriptors.close(unclaimed);
            }
        }
    }

    private void enter() {
        active.incrementAndGet();
        if (closed) {
            active.decrementAndGet();
            throw new IllegalStateException("the connection is closed");
        }
    }

    private void leave() {
        active.decrementAndGet();
    }

    /** Waits until buffered bytes, new bytes or EOF are there. @return false on timeout */
    private boolean awaitData(long timeoutNanos) {
        if (inbox.available() > 0 || inbox.eof() || fillHeader() != -1) {
            return true;
        }
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            int slice = (int) Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
            if (waitFor(Descriptors.POLLIN, slice, "receive", round, left) && fillHeader() != -1) {
                return true;
            }
        }
    }

    /**
     * Reads from the socket towards the next message's header. After a large message it asks for
     * the header alone: the next message is likely large too, and its body is then read straight
     * into its array by the kernel instead of {@value #INBOX} bytes of it being staged in the
     * inbox and copied once more (measured: 7% less CPU per 64 KiB message in the receiver, and
     * no extra call, since such a body needs a call of its own anyway).
     */
    private int fillHeader() {
        return inbox.fill(bulk ? HEAD : INBOX);
    }

    /** Reads the 4-byte length that starts the next message. */
    private int readLength() {
        ensure(4);
        int length = inbox.takeInt();
        if (length < 0) {
            throw new ConnectionEOFException("corrupt message length " + length);
        }
        return length;
    }

    /** Waits until the inbox holds {@code n} bytes (within one message: no timeout). */
    private void ensure(int n) {
        for (int round = 0; inbox.available() < n; ) {
            if (inbox.eof()) {
                throw new ConnectionEOFException(inbox.available() == 0
                        ? "end of stream: the other end is closed" : "the other end closed in the middle of a message");
            }
            if (fillHeader() == -1) {
                waitFor(Descriptors.POLLIN, SLICE_MILLIS, "receive", round++);
            }
        }
    }

    /** Moves the rest of a message's {@code n} bytes into {@code out}: first from the inbox, then the socket. */
    private void readFully(byte[] out, int pos, int n) {
        int buffered = inbox.takeInto(out, pos, n);
        pos += buffered;
        n -= buffered;
        for (int round = 0; n > 0; ) {
            // a small rest is taken with whatever follows, in one call for several messages
            boolean small = n < INBOX / 2;
            int got = small ? inbox.fill(INBOX) : inbox.receiveInto(out, pos, n);
            if (got > 0) {
                int k = small ? inbox.takeInto(out, pos, n) : got;
                pos += k;
                n -= k;
            } else if (inbox.eof()) {
                throw new ConnectionEOFException("the other end closed in the middle of a message");
            } else {
                waitFor(Descriptors.POLLIN, SLICE_MILLIS, "receive", round++);
            }
        }
    }

    /**
     * Waits up to a slice for the socket (also for {@link Outbox}).
     *
     * @return whether it is ready
     * @throws IllegalStateException if the channel is closed
     * @throws ProcessInterruptedException if interrupted
     */
    boolean waitFor(short events, int millis, String what, int round) {
        return waitFor(events, millis, what, round, Long.MAX_VALUE);
    }

    private boolean waitFor(short events, int millis, String what, int round, long leftNanos) {
        if (closed) {
            throw new IllegalStateException("the connection was closed while waiting to " + what);
        }
        return (events == Descriptors.POLLIN ? readWait : writeWait).await(millis, round, leftNanos);
    }
}
