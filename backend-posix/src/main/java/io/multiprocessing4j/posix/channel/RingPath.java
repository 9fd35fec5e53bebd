package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.nio.ByteBuffer;

/**
 * How an {@link FdChannel} of a pipe end sends large bodies through its pipe's {@link RingFile}
 * and receives them: the body goes into this end's outgoing {@link BodyRing}, and the socket
 * carries a reference frame in its place, tagged {@link #TAG}:
 *
 * <pre>
 *   [ length = 10: 4 | tag = RING: 1 | original tag: 1 | block offset: 4 | body length: 4 ]
 * </pre>
 *
 * <p>When the ring is full the writer waits, yielding, up to {@value #PATIENCE_NANOS} ns for the
 * reader to free a block (a reader copies a 64 KiB body in a few microseconds), then sends the
 * body through the socket; if the ring was still full after that wait, later writes do not wait
 * until one finds room again (the reader is not reading: the socket's own flow control takes over).
 * Writes use it under the channel's write lock, reads under its read lock.
 */
final class RingPath {
    /** The tag of a reference frame; reserved on channels with rings. */
    static final int TAG = 255;
    /** Bodies at least this long go through the ring; shorter ones ride with their header. */
    static final int MIN_BODY = 16 * 1024;
    /** Bytes of a reference frame after its tag. */
    static final int REFERENCE = 9;
    /** Longest wait for the reader to free room before a body goes through the socket. */
    static final long PATIENCE_NANOS = 200_000;
    private static final int[] NO_FDS = new int[0];

    private final RingFile file;
    private final int outHalf;
    /** Guarded by the write lock. */
    private final byte[] reference = new byte[REFERENCE];
    private BodyRing out;
    private boolean unmappable;
    private boolean stalled;
    /** Bodies sent through the ring (tests). */
    private volatile long sent;
    /** Guarded by the read lock. */
    private final byte[] incoming = new byte[REFERENCE];
    private BodyRing in;

    /**
     * @param file the pipe's ring file (this path owns it)
     * @param outHalf the half this end writes (it reads the other)
     */
    RingPath(RingFile file, int outHalf) {
        this.file = file;
        this.outHalf = outHalf;
    }

    RingFile file() {
        return file;
    }

    int outHalf() {
        return outHalf;
    }

    /**
     * Sends a body through the ring if it is worth it and there is room.
     *
     * @return whether it was sent; if not, the caller sends it through the socket
     * @throws ConnectionEOFException if the peer is gone
     */
    boolean trySend(Outbox outbox, int tag, byte[] data, int offset, int length) {
        if (length < MIN_BODY || length > BodyRing.MAX_BODY || unmappable) {
            return false;
        }
        BodyRing ring = outgoing();
        if (ring == null) {
            return false;
        }
        long at = ring.reserve(length);
        if (at == BodyRing.FULL && !stalled) {
            long start = System.nanoTime();
            do {
                Thread.yield();
                at = ring.reserve(length);
            } while (at == BodyRing.FULL && System.nanoTime() - start < PATIENCE_NANOS);
        }
        stalled = at == BodyRing.FULL;
        if (at < 0) {
            return false;
        }
        ring.put(at, data, offset, length);
        ByteBuffer.wrap(reference).put((byte) tag).putInt((int) at).putInt(length);
        try {
            outbox.send(TAG, reference, 0, REFERENCE, NO_FDS);
        } catch (RuntimeException e) {
            ring.release(at);
            throw e;
        }
        sent++; // only under the write lock: a plain increment of a volatile is enough
        return true;
    }

    /** @return bodies sent through the ring so far (tests) */
    long sent() {
        return sent;
    }

    /** @return the array a reference frame's rest is read into */
    byte[] incoming() {
        return incoming;
    }

    /**
     * Copies out the body that the reference in {@link #incoming()} names.
     *
     * @param into where it should go, or null for a fresh array
     * @param intoOffset where in {@code into}
     * @return the frame; its body is {@code into} only if it fitted
     * @throws ConnectionEOFException if the reference is corrupt
     * @throws PosixException if the ring file cannot be mapped
     */
    FdChannel.Frame receive(byte[] into, int intoOffset) {
        ByteBuffer ref = ByteBuffer.wrap(incoming);
        int tag = Byte.toUnsignedInt(ref.get());
        int at = ref.getInt();
        int length = ref.getInt();
        if (length < 0 || length > BodyRing.MAX_BODY) {
            throw new ConnectionEOFException("corrupt stream: a ring reference to " + length + " bytes");
        }
        boolean fits = into != null && length <= into.length - intoOffset;
        byte[] body = fits ? into : new byte[length];
        if (in == null) {
            in = file.half(1 - outHalf);
        }
        in.take(at, length, body, fits ? intoOffset : 0);
        return new FdChannel.Frame(tag, body, length);
    }

    /** The outgoing ring, mapped on first use; null (for good) if it cannot be mapped. */
    private BodyRing outgoing() {
        if (out == null) {
            try {
                out = file.half(outHalf);
            } catch (PosixException e) {
                unmappable = true; // bodies keep going through the socket
                return null;
            }
        }
        return out;
    }
}
