package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One direction of a pipe's shared memory for large message bodies: the writer copies a body
 * into a block here and sends only a small reference frame on the socket; the reader copies the
 * body out and marks the block done. Each body then crosses memory twice (array to ring, ring to
 * array) instead of through the kernel's socket buffers, which cost ~90% of a large transfer.
 *
 * <p>The socket still carries every frame, in order, so waiting, {@code poll}, end of file and
 * descriptor passing are unchanged, and a body may always go the old way instead: when the ring
 * is full, too small, or another process holds its lock. Nothing here ever waits for the reader.
 *
 * <pre>
 * one half of the ring file ({@link #HALF} bytes):
 *      0: int  lock    0 free, else the pid of a writer reserving a block (any process)
 *     64: long head    bytes ever reserved: the next block starts at head % CAPACITY
 *    128: long tail    bytes ever reclaimed: head - tail bytes are in use
 *   4096: data         CAPACITY bytes of blocks, back to back, each ALIGN-aligned
 *
 * block (its offset in data is what the reference frame carries):
 *      0: int  size    the whole block: header, body, padding to ALIGN
 *      4: int  state   BUSY: reserved (being written, in flight or being read)
 *                      DONE: read, or a skip block filling the end of data; reusable
 *     16: body
 * </pre>
 *
 * <p>Blocks are reclaimed only by writers, in address order, once DONE: readers may finish out
 * of order (two processes reading one end in turn), and a reader that dies holding a block leaves
 * it BUSY, which only shrinks the ring until writers fall back to the socket. Head and tail are
 * touched under the lock alone. A writer takes the lock with one compare-and-set and gives up at
 * once if it is held (two processes writing at the same moment, or one killed while reserving):
 * that body goes through the socket, so no writer ever waits on another process's lock.
 *
 * <p>Ordering: a writer's body stores happen before its reference frame's {@code send}, and the
 * reader's loads after its {@code recv} (system calls are full barriers). The reader publishes
 * DONE with a release store after copying; a writer reads it with an acquire load before reuse.
 */
final class BodyRing {
    /** Bytes of the control page. */
    static final int CONTROL = 4096;
    /** Bytes of blocks. */
    static final int CAPACITY = 1 << 20;
    /** One direction's share of the ring file. */
    static final long HALF = CONTROL + CAPACITY;
    /** Block header bytes. */
    static final int BLOCK_HEADER = 16;
    /** Block alignment: a cache line, so neighbours' state words do not share one. */
    static final int ALIGN = 64;
    /** Largest body a ring can hold (when empty). */
    static final int MAX_BODY = CAPACITY - BLOCK_HEADER;
    static final int BUSY = 1;
    static final int DONE = 2;
    /** {@link #reserve}: no room until the reader catches up. */
    static final long FULL = -1;
    /** {@link #reserve}: not here (too large, or the lock is held): use the socket. */
    static final long REFUSED = -2;

    private static final long LOCK = 0;
    private static final long HEAD = 64;
    private static final long TAIL = 128;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final int PID = (int) ProcessHandle.current().pid();

    private final MemorySegment half;

    /** @param half {@link #HALF} bytes of shared memory, zero-filled when new */
    BodyRing(MemorySegment half) {
        if (half.byteSize() < HALF) {
            throw new IllegalArgumentException("a body ring needs " + HALF + " bytes, not " + half.byteSize());
        }
        this.half = half;
    }

    /**
     * Reserves a block for a body (writers).
     *
     * @param length the body's length
     * @return the block's offset, {@link #FULL} or {@link #REFUSED}
     */
    long reserve(int length) {
        if (length < 0 || length > MAX_BODY) {
            return REFUSED;
        }
        long need = align(BLOCK_HEADER + (long) length);
        if (!INT.compareAndSet(half, LOCK, 0, PID)) {
            return REFUSED;
        }
        try {
            long head = (long) LONG.get(half, HEAD);
            long tail = reclaim(head, (long) LONG.get(half, TAIL));
            long at = head % CAPACITY;
            if (tail == head && at != 0) {
                // empty: start a fresh lap, so that the largest body fits and blocks stay contiguous
                head += CAPACITY - at;
                tail = head;
                LONG.set(half, TAIL, tail);
                at = 0;
            }
            long skip = at + need > CAPACITY ? CAPACITY - at : 0;
            if (head + skip + need - tail > CAPACITY) {
                return FULL;
            }
            if (skip > 0) {
                mark(at, skip, DONE);
                head += skip;
                at = 0;
            }
            mark(at, need, BUSY);
            LONG.set(half, HEAD, head + need);
            return at;
        } finally {
            INT.setRelease(half, LOCK, 0);
        }
    }

    /** Copies a body into the block at {@code at} (writers, after {@link #reserve}). */
    void put(long at, byte[] data, int offset, int length) {
        MemorySegment.copy(data, offset, half, ValueLayout.JAVA_BYTE, CONTROL + at + BLOCK_HEADER, length);
    }

    /** Gives a reserved block back unread (its reference frame could not be sent). */
    void release(long at) {
        INT.setRelease(half, CONTROL + at + 4, DONE);
    }

    /**
     * Copies a body out of its block and frees the block (readers).
     *
     * @param at the block's offset, from the reference frame
     * @param length the body's length, from the reference frame
     * @throws ConnectionEOFException if the reference does not name a block in flight of that
     *     length (a corrupt stream): nothing is read outside the ring
     */
    void take(long at, int length, byte[] out, int pos) {
        if (at < 0 || at % ALIGN != 0 || at > CAPACITY - BLOCK_HEADER || length < 0) {
            throw corrupt(at, length, "no block starts there");
        }
        long size = (int) INT.get(half, CONTROL + at);
        if (size < BLOCK_HEADER + (long) length || at + size > CAPACITY
                || (int) INT.getAcquire(half, CONTROL + at + 4) != BUSY) {
            throw corrupt(at, length, "the block is not in flight or is shorter");
        }
        MemorySegment.copy(half, ValueLayout.JAVA_BYTE, CONTROL + at + BLOCK_HEADER, out, pos, length);
        INT.setRelease(half, CONTROL + at + 4, DONE);
    }

    /** @return bytes reserved and not yet reclaimed (tests) */
    long inUse() {
        return (long) LONG.getAcquire(half, HEAD) - (long) LONG.getAcquire(half, TAIL);
    }

    /** Steps the tail over DONE blocks; a block that makes no sense stops it (the ring then fills). */
    private long reclaim(long head, long tail) {
        long start = tail;
        while (tail < head) {
            long at = tail % CAPACITY;
            int size = (int) INT.get(half, CONTROL + at);
            if (size < ALIGN || size % ALIGN != 0 || at + size > CAPACITY
                    || (int) INT.getAcquire(half, CONTROL + at + 4) != DONE) {
                break;
            }
            tail += size;
        }
        if (tail != start) {
            LONG.set(half, TAIL, tail);
        }
        return tail;
    }

    private void mark(long at, long size, int state) {
        INT.set(half, CONTROL + at, (int) size);
        INT.setRelease(half, CONTROL + at + 4, state);
    }

    private static long align(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    private static ConnectionEOFException corrupt(long at, int length, String why) {
        return new ConnectionEOFException("corrupt stream: a ring reference to " + length + " bytes at offset "
                + at + " (" + why + ")");
    }
}
