package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.FdPassing;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The receiving side of an {@link FdChannel}'s socket: a small native buffer that {@code recvmsg}
 * fills with a message's header (collecting the descriptors passed with it), reads of bodies
 * straight into Java arrays, and the waits between them ({@link SocketWait}). Exactly one
 * message's bytes are taken from the socket at a time, unless the channel was made to read ahead
 * (then the buffer is {@value #READ_AHEAD} bytes and a read takes whatever is there).
 * Not thread-safe: the channel's read lock guards it.
 *
 * <pre>
 *   buffer: [ taken | start .. end: read, not yet taken | free ]
 * </pre>
 */
final class Inbox {
    private static final ValueLayout.OfInt BIG_ENDIAN_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** Native buffer of a channel that reads exactly: a header. */
    static final int HEADER = 64;
    /** Native buffer of a channel that reads ahead. */
    static final int READ_AHEAD = 16 * 1024;

    private final int fd;
    /** Descriptors that arrived, oldest first, not yet claimed. */
    private final Deque<Integer> received = new ArrayDeque<>();
    private final int capacity;
    private final boolean readAhead;
    private final FdChannel owner;
    private final SocketWait wait;
    /** The header bytes {@link #lookForHeader} asks for. */
    private int lookHead;
    /** How a wait for a message's start looks: by reading its header. */
    private final BooleanSupplier lookForHeader = () -> fill(lookHead) != -1;
    /** Allocated on first use, freed with the channel by the collector (no close can race a read). */
    private MemorySegment buffer;
    /** recvmsg's structures, allocated with the buffer. */
    private FdPassing.Receiver receiver;
    private int start;
    private int end;
    private boolean eof;
    /** Bytes copied out of the buffer into arrays so far (tests). */
    private long staged;

    /**
     * @param fd the socket
     * @param readAhead whether reads may take later messages too ({@link FdChannel})
     * @param owner the channel, whose close ends a wait
     */
    Inbox(int fd, boolean readAhead, FdChannel owner) {
        this.fd = fd;
        this.readAhead = readAhead;
        this.capacity = readAhead ? READ_AHEAD : HEADER;
        this.owner = owner;
        wait = new SocketWait(fd, Descriptors.POLLIN, "receive");
    }

    /** @return whether reads take later messages too */
    boolean readsAhead() {
        return readAhead;
    }

    /** @return bytes read but not yet taken */
    int available() {
        return end - start;
    }

    /** @return whether the peer's end of stream was seen (bytes may still be buffered) */
    boolean eof() {
        return eof;
    }

    /** @return bytes copied out of the buffer into arrays so far (message bytes the kernel did not put there directly) */
    long staged() {
        return staged;
    }

    /**
     * Takes descriptors that arrived with the messages read so far, oldest first.
     *
     * @param count how many the message just read carried (at least 1)
     * @return them (the caller owns them)
     * @throws ConnectionEOFException if fewer arrived (the stream is corrupt)
     */
    int[] takeDescriptors(int count) {
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

    /** Closes the descriptors nobody claimed (the channel closes). */
    void closeDescriptors() {
        for (Integer unclaimed; (unclaimed = received.poll()) != null; ) {
            Descriptors.close(unclaimed);
        }
    }

    /** Takes a 4-byte big-endian int; {@link #available()} must be at least 4. */
    int takeInt() {
        int v = buffer.get(BIG_ENDIAN_INT, start);
        start += 4;
        return v;
    }

    /** Takes one unsigned byte; {@link #available()} must be at least 1. */
    int takeByte() {
        return Byte.toUnsignedInt(buffer.get(ValueLayout.JAVA_BYTE, start++));
    }

    /** Takes up to {@code n} buffered bytes into {@code out}. @return how many */
    int takeInto(byte[] out, int pos, int n) {
        int k = Math.min(n, end - start);
        if (k > 0) {
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, start, out, pos, k);
            start += k;
            staged += k;
        }
        return k;
    }

    /**
     * Reads what the socket holds now into the free end, without waiting. Call it only when less
     * than a header is buffered, so that there is room.
     *
     * @param most the most bytes to read (at least 1): fewer leave the rest of the stream, and
     *        the descriptors attached to it, in the socket for a later read
     * @return bytes read, 0 at end of stream, -1 if none yet
     */
    private int receive(int most) {
        if (buffer == null) {
            buffer = Arena.ofAuto().allocate(capacity);
            receiver = new FdPassing.Receiver();
        }
        if (start == end) {
            start = 0;
            end = 0;
        } else if (start > 0) {
            MemorySegment.copy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        try {
            int n = receiver.receive(fd, buffer.asSlice(end, Math.min(most, capacity - end)), received,
                    Descriptors.MSG_DONTWAIT);
            if (n == 0) {
                eof = true;
            } else if (n > 0) {
                end += n;
            }
            return n;
        } catch (PosixException e) {
            return reset(e);
        }
    }

    /**
     * Reads up to {@code n} bytes straight into {@code out}, without waiting; nothing must be
     * buffered. Reading no more than the current message's rest keeps the next message's bytes,
     * and the descriptors attached to them, for {@link #fill(int)}.
     *
     * @return bytes read, 0 at end of stream, -1 if none yet
     */
    int receiveInto(byte[] out, int pos, int n) {
        try {
            int got = SocketIo.recv(fd, out, pos, n);
            if (got == 0) {
                eof = true;
            }
            return got;
        } catch (PosixException e) {
            return reset(e);
        }
    }

    /** A reset connection is an end of stream; anything else is rethrown. */
    private int reset(PosixException e) {
        if (e.errno() == Errno.ECONNRESET) {
            eof = true;
            return 0;
        }
        throw e;
    }
    /**
     * Waits until a message's first bytes or the end of stream are there.
     *
     * @param head 0 to only look (poll: nothing is taken from the socket), else how many bytes of
     *     the header to take into the inbox (no more: the body and later messages stay there)
     * @return false on timeout
     */
    boolean await(long timeoutNanos, int head) {
        if (available() > 0 || eof()
                || (head == 0 ? Descriptors.poll(fd, Descriptors.POLLIN, 0) != 0 : fill(head) != -1)) {
            return true;
        }
        lookHead = head;
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            int slice = (int) Math.max(1, Math.min(FdChannel.SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
            // a spinning look at a message's start reads the header itself: one call, not poll then recvmsg
            if (waitFor(slice, round, left, head == 0 ? null : lookForHeader)
                    && (available() > 0 || eof() || head == 0 || fill(head) != -1)) {
                return true;
            }
        }
    }

    /** Reads the 4-byte length that starts the next message. */
    int readLength() {
        ensure(4);
        int length = takeInt();
        if (length < 0) {
            throw new ConnectionEOFException("corrupt message length " + length);
        }
        return length;
    }

    /** Waits until the inbox holds {@code n} bytes (within one message's header: no timeout). */
    void ensure(int n) {
        for (int round = 0; available() < n; ) {
            if (eof()) {
                throw new ConnectionEOFException(available() == 0
                        ? "end of stream: the other end is closed" : "the other end closed in the middle of a message");
            }
            if (fill(n - available()) == -1) {
                waitFor(FdChannel.SLICE_MILLIS, round++, Long.MAX_VALUE, null);
            }
        }
    }

    /** Reads up to {@code n} bytes of the current header, or as much as there is when reading ahead. */
    private int fill(int n) {
        return receive(readAhead ? READ_AHEAD : n);
    }

    /** Moves the rest of a message's {@code n} bytes into {@code out}: first from the inbox, then the socket. */
    void readFully(byte[] out, int pos, int n) {
        int buffered = takeInto(out, pos, n);
        pos += buffered;
        n -= buffered;
        for (int round = 0; n > 0; ) {
            // reading ahead, a small rest is taken with whatever follows, in one call
            boolean small = readAhead && n < READ_AHEAD / 2;
            int got = small ? receive(READ_AHEAD) : receiveInto(out, pos, n);
            if (got > 0) {
                int k = small ? takeInto(out, pos, n) : got;
                pos += k;
                n -= k;
            } else if (eof()) {
                throw new ConnectionEOFException("the other end closed in the middle of a message");
            } else {
                waitFor(FdChannel.SLICE_MILLIS, round++, Long.MAX_VALUE, null);
            }
        }
    }

    /**
     * Waits up to a slice for the socket.
     *
     * @return whether it is ready (with a look: whether the look found it)
     * @throws IllegalStateException if the channel is closed
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted
     */
    private boolean waitFor(int millis, int round, long leftNanos, BooleanSupplier look) {
        if (owner.isClosed()) {
            throw new IllegalStateException("the connection was closed while waiting to receive");
        }
        return wait.await(millis, round, leftNanos, look);
    }
}
