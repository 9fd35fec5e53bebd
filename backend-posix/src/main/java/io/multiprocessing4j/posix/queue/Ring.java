package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.SharedMapping;
import io.multiprocessing4j.posix.shm.Segments;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The slots of a queue: a separate shared object {@code <queue>-r<generation>} of
 * {@code capacity * SLOT} bytes, replaced by one twice as large when it fills (an unbounded queue,
 * or a bounded one whose {@code maxsize} exceeds the current capacity).
 *
 * <pre>
 * slot (SLOT = 256 bytes):
 *   0: int   length        the item's length in bytes
 *   4: byte  kind          {@link ItemCodec} kind
 *   5: byte  spilled       1: the item lives in its own object, named below
 *   6: short nameLength    length of that name
 *   8: bytes               the item inline (up to INLINE bytes), or the spill object's name
 * </pre>
 *
 * Items longer than {@link #INLINE} bytes are written to a one-off shared object
 * {@code <queue>-s<n>} before the producer takes its lock (so the lock is held for a short copy
 * only); the consumer copies it out and unlinks it. Both kinds of derived objects are removed by
 * the context's close and its tracker with the queue's own name.
 */
final class Ring {
    static final int SLOT = 256;
    static final int INLINE = SLOT - 8;

    /** A slot's content. @param kind the kind @param bytes the item @param spill the spill object's name, or null */
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
        long size = (long) capacity * SLOT;
        try {
            return Segments.createDerived(name, size);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
            SharedMapping.unlink(name);
            return Segments.createDerived(name, size);
        }
    }

    static void write(MemorySegment ring, int capacity, long position, Item item) {
        long base = (position % capacity) * SLOT;
        ring.set(ValueLayout.JAVA_INT, base, item.bytes().length);
        ring.set(ValueLayout.JAVA_BYTE, base + 4, item.kind());
        if (item.spill() == null) {
            ring.set(ValueLayout.JAVA_BYTE, base + 5, (byte) 0);
            MemorySegment.copy(item.bytes(), 0, ring, ValueLayout.JAVA_BYTE, base + 8, item.bytes().length);
        } else {
            byte[] name = item.spill().getBytes(StandardCharsets.US_ASCII);
            ring.set(ValueLayout.JAVA_BYTE, base + 5, (byte) 1);
            ring.set(ValueLayout.JAVA_SHORT, base + 6, (short) name.length);
            MemorySegment.copy(name, 0, ring, ValueLayout.JAVA_BYTE, base + 8, name.length);
        }
    }

    /** Reads a slot; a spilled item is copied out of its object (which stays, for the caller to unlink). */
    static Item read(MemorySegment ring, int capacity, long position) {
        long base = (position % capacity) * SLOT;
        int length = ring.get(ValueLayout.JAVA_INT, base);
        byte kind = ring.get(ValueLayout.JAVA_BYTE, base + 4);
        if (ring.get(ValueLayout.JAVA_BYTE, base + 5) == 0) {
            byte[] bytes = new byte[length];
            MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, base + 8, bytes, 0, length);
            return new Item(kind, bytes, null);
        }
        byte[] name = new byte[ring.get(ValueLayout.JAVA_SHORT, base + 6)];
        MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, base + 8, name, 0, name.length);
        String spill = new String(name, StandardCharsets.US_ASCII);
        try (SharedMapping m = SharedMapping.attach(spill)) {
            byte[] bytes = new byte[length];
            MemorySegment.copy(m.segment(), ValueLayout.JAVA_BYTE, 0, bytes, 0, length);
            return new Item(kind, bytes, spill);
        }
    }

    /** Copies the slots of positions [head, tail) from one ring to another. */
    static void copy(MemorySegment from, int fromCapacity, MemorySegment to, int toCapacity, long head, long tail) {
        for (long p = head; p < tail; p++) {
            MemorySegment.copy(from, (p % fromCapacity) * SLOT, to, (p % toCapacity) * SLOT, SLOT);
        }
    }

    /** Writes a long item to its own object. @return its name */
    static String spill(String queue, long serial, byte[] bytes) {
        String name = queue + "-s" + Long.toHexString(serial);
        try (SharedMapping m = SharedMapping.create(name, Math.max(1, bytes.length))) {
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
}
