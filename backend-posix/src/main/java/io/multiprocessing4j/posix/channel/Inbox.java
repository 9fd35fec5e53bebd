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

/**
 * The receiving side of an {@link FdChannel}'s socket, without waiting: a small native buffer
 * that {@code recvmsg} fills with a message's header (collecting the descriptors passed with it),
 * and reads of bodies straight into Java arrays.
 * Not thread-safe: the channel's read lock guards it.
 *
 * <pre>
 *   buffer: [ taken | start .. end: read, not yet taken | free ]
 * </pre>
 */
final class Inbox {
    private static final ValueLayout.OfInt BIG_ENDIAN_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final int fd;
    /** Descriptors that arrived, oldest first, not yet claimed. */
    private final Deque<Integer> received = new ArrayDeque<>();
    private final int capacity;
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
     * @param capacity the buffer's size
     */
    Inbox(int fd, int capacity) {
        this.fd = fd;
        this.capacity = capacity;
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
    int fill(int most) {
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
}
