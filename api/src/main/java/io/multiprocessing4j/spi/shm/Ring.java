package io.multiprocessing4j.spi.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Copies into and out of a circular byte area, wrapping at its end. */
final class Ring {
    private Ring() {
    }

    static void write(MemorySegment s, long data, long capacity, long pos, byte[] src) {
        long at = Math.floorMod(pos, capacity);
        long first = Math.min(src.length, capacity - at);
        MemorySegment.copy(src, 0, s, ValueLayout.JAVA_BYTE, data + at, (int) first);
        if (first < src.length) {
            MemorySegment.copy(src, (int) first, s, ValueLayout.JAVA_BYTE, data, (int) (src.length - first));
        }
    }

    static byte[] read(MemorySegment s, long data, long capacity, long pos, int length) {
        byte[] dst = new byte[length];
        long at = Math.floorMod(pos, capacity);
        long first = Math.min(length, capacity - at);
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, data + at, dst, 0, (int) first);
        if (first < length) {
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, data, dst, (int) first, (int) (length - first));
        }
        return dst;
    }

    static int readInt(MemorySegment s, long data, long capacity, long pos) {
        byte[] b = read(s, data, capacity, pos, 4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    static void writeInt(MemorySegment s, long data, long capacity, long pos, int v) {
        write(s, data, capacity, pos, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
