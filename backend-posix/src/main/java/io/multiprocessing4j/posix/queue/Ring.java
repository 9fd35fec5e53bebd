package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.SharedMapping;
import io.multiprocessing4j.posix.shm.Segments;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a queue: a separate shared object {@code <queue>-r<generation>} of {@code capacity}
 * bytes (a power of two) holding variable-length records back to back, replaced by a larger one
 * when a record does not fit ({@link QueueCore} grows it).
 *
 * <p>Positions are byte counts since the queue was made, modulo 2<sup>32</sup>; a record at
 * position {@code p} lives at offset {@code p & (capacity - 1)}. Because every capacity divides
 * every larger one and 2<sup>32</sup>, a grown ring keeps every position: the live bytes are copied
 * to the same positions and the queue's head and tail words stay valid (so growing needs no second
 * store besides publishing the new ring). A record never wraps around the end of the ring; where one
 * would, a padding record fills the rest of the ring and the record starts at offset 0.
 *
 * <pre>
 * record (8-byte aligned; size = 8 + length rounded up to 8):
 *   0: int   length        payload bytes; for padding, the whole padding record's size (to the
 *                          end of the ring it was written in, which a grown ring keeps, mid-ring)
 *   4: byte  kind          {@link ItemCodec} kind
 *   5: byte  form          INLINE, SPILLED (payload = the spill object's name) or PADDING
 *   6: short (unused)
 *   8: bytes payload
 * </pre>
 *
 * Items longer than {@link #MAX_INLINE} bytes are written to a one-off shared object
 * {@code <queue>-s<n>} before the producer takes its lock (so the lock is held for a short copy
 * only, and the ring does not grow to hold a few huge items); the consumer copies it out and
 * unlinks it. Both kinds of derived objects are removed by the context's close and its tracker
 * with the queue's own name.
 */
final class Ring {
    /** Record header size. */
    static final int HEADER = 8;
    /** Longest item stored in the ring itself; longer ones spill. */
    static final int MAX_INLINE = 1 << 20;
    /** Size of the first ring. */
    static final int INITIAL_CAPACITY = 16 << 10;
    /** Largest ring (1 GiB): positions must stay far from the 2^32 modulus. */
    static final int MAX_CAPACITY = 1 << 30;
    static final byte INLINE = 0;
    static final byte SPILLED = 1;
    static final byte PADDING = 2;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    /** A record's content. @param kind the kind @param bytes the item @param spill the spill object's name, or null */
    record Item(byte kind, byte[] bytes, String spill) {
    }

    private Ring() {
    }

    static String ringName(String queue, int generation) {
        return queue + "-r" + generation;
    }

    /** Creates a ring object, replacing a half-made one a killed grower may have left. */
    static MemorySegment create(String queue, int generation, int capacity) {
        String name = ringName(queue, generation);
        try {
            return Segments.createDerived(name, capacity);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
            SharedMapping.unlink(name);
            return Segments.createDerived(name, capacity);
        }
    }

    /** @return the ring bytes a record with this payload takes, header included */
    static int recordSize(int payload) {
        return HEADER + ((payload + 7) & ~7);
    }

    /**
     * @return the bytes a record of {@code size} written at {@code position} takes in a ring of
     *     {@code capacity}, counting the padding before it if it would cross the ring's end
     */
    static int needed(int capacity, int position, int size) {
        int left = capacity - (position & (capacity - 1));
        return size <= left ? size : left + size;
    }

    /**
     * Writes an item's record (after a padding record if needed) at {@code position}.
     *
     * @return the position after it: the tail to commit
     */
    static int write(MemorySegment ring, int capacity, int position, byte kind, byte[] bytes, String spill) {
        int payload = spill == null ? bytes.length : spill.length();
        int size = recordSize(payload);
        int offset = position & (capacity - 1);
        if (offset + size > capacity) {
            int pad = capacity - offset;
            ring.set(INT, offset, pad);
            ring.set(ValueLayout.JAVA_BYTE, offset + 5, PADDING);
            position += pad;
            offset = 0;
        }
        ring.set(INT, offset, payload);
        ring.set(ValueLayout.JAVA_BYTE, offset + 4, kind);
        if (spill == null) {
            ring.set(ValueLayout.JAVA_BYTE, offset + 5, INLINE);
            MemorySegment.copy(bytes, 0, ring, ValueLayout.JAVA_BYTE, offset + HEADER, payload);
        } else {
            ring.set(ValueLayout.JAVA_BYTE, offset + 5, SPILLED);
            byte[] name = spill.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(name, 0, ring, ValueLayout.JAVA_BYTE, offset + HEADER, name.length);
        }
        return position + size;
    }

    /** @return the position of the item record at or after {@code position} (past a padding record) */
    static int skipPadding(MemorySegment ring, int capacity, int position) {
        int offset = position & (capacity - 1);
        if (ring.get(ValueLayout.JAVA_BYTE, offset + 5) == PADDING) {
            int pad = ring.get(INT, offset);
            // up to the end of the ring it was written in: of a grown ring, maybe its middle
            if (pad <= 0 || (pad & 7) != 0 || offset + pad > capacity) {
                throw corrupt("a padding record of " + pad + " bytes at offset " + offset);
            }
            return position + pad;
        }
        return position;
    }

    /**
     * @return the position after the item record at {@code position}
     * @throws IllegalStateException if the record's header is not a record's (corrupt memory)
     */
    static int next(MemorySegment ring, int capacity, int position) {
        int offset = position & (capacity - 1);
        int length = ring.get(INT, offset);
        byte form = ring.get(ValueLayout.JAVA_BYTE, offset + 5);
        if (length < 0 || length > capacity || (form != INLINE && form != SPILLED) || offset + recordSize(length) > capacity) {
            throw corrupt("a record of " + length + " bytes, form " + form + ", at offset " + offset);
        }
        return position + recordSize(length);
    }

    /** Reads the item record at {@code position}; a spilled item is copied out of its object (which stays, for the caller to unlink). */
    static Item read(MemorySegment ring, int capacity, int position) {
        int offset = position & (capacity - 1);
        int length = ring.get(INT, offset);
        byte kind = ring.get(ValueLayout.JAVA_BYTE, offset + 4);
        if (ring.get(ValueLayout.JAVA_BYTE, offset + 5) == INLINE) {
            byte[] bytes = new byte[length];
            MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, offset + HEADER, bytes, 0, length);
            return new Item(kind, bytes, null);
        }
        byte[] name = new byte[length];
        MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, offset + HEADER, name, 0, length);
        String spill = new String(name, StandardCharsets.US_ASCII);
        try (SharedMapping m = SharedMapping.attach(spill)) {
            byte[] bytes = new byte[(int) m.segment().byteSize()];
            MemorySegment.copy(m.segment(), ValueLayout.JAVA_BYTE, 0, bytes, 0, bytes.length);
            return new Item(kind, bytes, spill);
        }
    }

    /** Copies the bytes of positions [head, tail) from one ring to the same positions of another. */
    static void copy(MemorySegment from, int fromCapacity, MemorySegment to, int toCapacity, int head, int tail) {
        for (int p = head; p != tail; ) {
            int fromOffset = p & (fromCapacity - 1);
            int toOffset = p & (toCapacity - 1);
            int chunk = Math.min(tail - p, Math.min(fromCapacity - fromOffset, toCapacity - toOffset)); // tail - p <= capacity
            MemorySegment.copy(from, fromOffset, to, toOffset, chunk);
            p += chunk;
        }
    }

    /** Writes a long item to its own object, exactly its size. @return its name */
    static String spill(String queue, long serial, byte[] bytes) {
        String name = queue + "-s" + Long.toHexString(serial);
        try (SharedMapping m = SharedMapping.create(name, bytes.length)) {
            MemorySegment.copy(bytes, 0, m.segment(), ValueLayout.JAVA_BYTE, 0, bytes.length);
        }
        return name;
    }

    static void unlinkQuietly(String name) {
        try {
            SharedMapping.unlink(name);
        } catch (PosixException e) {
            // already gone: a consumer killed after unlinking, or the context closed
        }
    }

    private static IllegalStateException corrupt(String what) {
        return new IllegalStateException("corrupt queue memory: " + what);
    }
}
