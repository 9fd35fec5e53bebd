package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import java.util.Objects;
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
 * <p><b>A read never takes the next message's bytes.</b> It reads the header alone (4 bytes, 5
 * for a tagged frame) into a small native {@link Inbox} with {@code recvmsg}, which also collects
 * the descriptors passed with {@code SCM_RIGHTS} (the kernel attaches them to a message's first
 * bytes), then exactly the body, straight into its Java array ({@link SocketIo}). So every message
 * not yet read stays in the socket, where any other holder of this end finds it: an end handed on
 * to another process, or read by several in turn, behaves as CPython's, whose reads are exact too.
 * Reading ahead saves one system call per small message but would lose the messages read ahead
 * when the end is handed on, so only a channel made to read ahead does (a pool's private pipe,
 * whose ends each have one reader for good: a chunk-size-1 map's results came at 2.6 µs each
 * that way, 5.6 µs with exact reads). Sends use an {@link Outbox}: a native buffer for the header and a
 * small body, sent in one call; a larger body goes straight from its array.
 *
 * <p><b>Waiting</b> ({@link SocketWait}): a short adaptive spin, then {@code poll} in slices of at
 * most {@value #SLICE_MILLIS} ms, so interrupts and {@link #close()} are seen; a virtual thread
 * looks and parks instead. Sends use {@code MSG_DONTWAIT|MSG_NOSIGNAL} (a vanished peer gives
 * EPIPE, not SIGPIPE).
 *
 * <p><b>Rings.</b> A pipe end's channel also has its pipe's shared memory ({@link RingPath}): a
 * tagged body of at least {@value RingPath#MIN_BODY} bytes without descriptors is copied into a
 * ring there, and only a reference frame goes on the socket, in order with the others.
 *
 * <p>Reads are serialized among themselves, and so are writes (each direction's buffer is guarded
 * by its lock). {@link #close()} waits for the calls in progress to leave (at most a slice) before
 * closing the descriptor, so that no call ever touches a number the kernel has reused.
 */
public final class FdChannel implements AutoCloseable {
    static final int SLICE_MILLIS = 100;
    /** Native send buffer: header plus a body that fits goes in one call. */
    static final int OUTBOX = 16 * 1024;
    /** A tagged frame's header: the 4-byte length and the tag. */
    static final int HEAD = 5;
    private static final int[] NO_FDS = new int[0];

    private final int fd;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final AtomicInteger active = new AtomicInteger();
    /** Guarded by readLock. */
    private final Inbox inbox;
    /** Guarded by writeLock. */
    private final Outbox outbox;
    private volatile boolean closed;
    /** The pipe's rings for large bodies, or null (a control channel). */
    private final RingPath ring;
    /** How writes wait (guarded by writeLock; reads wait in their inbox). */
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
        this(fd, null, 0, false);
    }

    /**
     * @param fd a connected stream socket, close-on-exec; this channel owns it
     * @param rings the pipe's ring file, or null; this channel owns it
     * @param outHalf the ring half this end writes
     * @param readAhead whether a read may take later messages from the socket too, into a
     *     {@value Inbox#READ_AHEAD}-byte buffer (one call for several small messages): only for an end
     *     that no other process will ever read, since bytes read ahead never return to the socket
     */
    FdChannel(int fd, RingFile rings, int outHalf, boolean readAhead) {
        this.fd = fd;
        ring = rings == null ? null : new RingPath(rings, outHalf);
        inbox = new Inbox(fd, readAhead, this);
        outbox = new Outbox(fd, OUTBOX, this);
        writeWait = new SocketWait(fd, Descriptors.POLLOUT, "send");
    }

    /** @return the descriptor (to map into a child) */
    public int fd() {
        return fd;
    }

    /** @return whether reads take later messages too (see the constructor) */
    boolean readsAhead() {
        return inbox.readsAhead();
    }

    /** @return the pipe's ring file and the half this end writes, or null */
    RingPath ring() {
        return ring;
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
     * @param tag the first byte, 0 to 255 ({@value RingPath#TAG} is reserved on a pipe end's channel)
     * @param data the rest
     * @param offset its start
     * @param length its length, at most {@code Integer.MAX_VALUE - 1}
     * @param fds descriptors to pass, possibly none
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while the socket was full
     * @throws IllegalArgumentException if the tag or length is out of range, or the tag is reserved
     */
    public void writeTagged(int tag, byte[] data, int offset, int length, int[] fds) {
        if ((tag & ~0xFF) != 0 || length == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tag " + tag + " or length " + length + " out of range");
        }
        if (ring != null && tag == RingPath.TAG) {
            throw new IllegalArgumentException("tag " + tag + " is reserved on a pipe end (it marks a ring reference)");
        }
        writeFrame(tag, data, offset, length, fds);
    }

    private void writeFrame(int tag, byte[] data, int offset, int length, int[] fds) {
        Objects.checkFromIndexSize(offset, length, data.length);
        enter();
        try {
            synchronized (writeLock) {
                if (ring == null || tag < 0 || fds.length > 0 || !ring.trySend(outbox, tag, data, offset, length)) {
                    outbox.send(tag, data, offset, length, fds);
                }
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
                if (!inbox.await(timeoutNanos, 4)) {
                    return null;
                }
                byte[] out = new byte[inbox.readLength()];
                inbox.readFully(out, 0, out.length);
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
                if (!inbox.await(timeoutNanos, HEAD)) {
                    return null;
                }
                int length = inbox.readLength();
                if (length < 1) {
                    throw new ConnectionEOFException("corrupt stream: a message without its tag byte");
                }
                inbox.ensure(1);
                int tag = inbox.takeByte();
                int size = length - 1;
                if (tag == RingPath.TAG && ring != null) {
                    if (size != RingPath.REFERENCE) {
                        throw new ConnectionEOFException("corrupt stream: a ring reference of " + size + " bytes");
                    }
                    inbox.readFully(ring.incoming(), 0, size);
                    return ring.receive(into, intoOffset);
                }
                boolean fits = into != null && size <= into.length - intoOffset;
                byte[] body = fits ? into : new byte[size];
                inbox.readFully(body, fits ? intoOffset : 0, size);
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
                return inbox.await(timeoutNanos, 0);
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
            return inbox.takeDescriptors(count);
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
        if (ring != null) {
            ring.file().close();
        }
        synchronized (readLock) {
            inbox.closeDescriptors();
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

    /**
     * Waits up to a slice for the socket to take more ({@link Outbox}).
     *
     * @return whether it is ready
     * @throws IllegalStateException if the channel is closed
     * @throws ProcessInterruptedException if interrupted
     */
    boolean waitFor(short events, int millis, String what, int round) {
        if (closed) {
            throw new IllegalStateException("the connection was closed while waiting to " + what);
        }
        return writeWait.await(millis, round, Long.MAX_VALUE, null);
    }
}
