package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.TypeCode;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/** Typed element access shared by {@link ShmValue} and {@link ShmArray}, with fences for cross-process visibility. */
final class Elements {
    private Elements() {
    }

    static Number get(TypeCode t, MemorySegment s, long off) {
        VarHandle.acquireFence();
        return t.readBoxed(s, off);
    }

    static void set(TypeCode t, MemorySegment s, long off, Number v) {
        t.write(s, off, v);
        VarHandle.releaseFence();
    }

    static long getLong(TypeCode t, MemorySegment s, long off) {
        VarHandle.acquireFence();
        return t.isFloatingPoint() ? (long) t.readDouble(s, off) : t.read(s, off);
    }

    static void setLong(TypeCode t, MemorySegment s, long off, long v) {
        if (t.isFloatingPoint()) {
            t.write(s, off, (Number) v);
        } else {
            t.write(s, off, v);
        }
        VarHandle.releaseFence();
    }

    static int getInt(TypeCode t, MemorySegment s, long off) {
        long v = getLong(t, s, off);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || t == TypeCode.UNSIGNED_LONG && v < 0
                || t == TypeCode.UNSIGNED_LONG_LONG && v < 0) {
            throw new IllegalStateException("value " + (t.code() == 'L' || t.code() == 'Q' ? Long.toUnsignedString(v) : v)
                    + " of typecode '" + t.code() + "' does not fit an int");
        }
        return (int) v;
    }

    static double getDouble(TypeCode t, MemorySegment s, long off) {
        VarHandle.acquireFence();
        return t.readDouble(s, off);
    }

    static void setDouble(TypeCode t, MemorySegment s, long off, double v) {
        t.write(s, off, (Number) v);
        VarHandle.releaseFence();
    }

    /**
     * Atomically adds to an integer element held in the low bytes of the aligned 8-byte word at
     * {@code wordOff} (little-endian: the element is the word's first bytes).
     */
    static long addAndGet(TypeCode t, MemorySegment s, long wordOff, long delta) {
        requireInteger(t, "addAndGet");
        MemorySegment tmp = MemorySegment.ofArray(new long[1]);
        while (true) {
            long word = Words.getLong(s, wordOff);
            tmp.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, word);
            long v = t.read(tmp, 0);
            long nv = v + delta;
            if (delta > 0 && nv < v && t != TypeCode.UNSIGNED_LONG && t != TypeCode.UNSIGNED_LONG_LONG
                    || delta < 0 && nv > v && t != TypeCode.UNSIGNED_LONG && t != TypeCode.UNSIGNED_LONG_LONG) {
                throw new IllegalArgumentException("adding " + delta + " to " + v + " overflows typecode '" + t.code() + "'");
            }
            try {
                t.write(tmp, 0, nv);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("adding " + delta + " to " + v + " leaves the range of typecode '"
                        + t.code() + "': " + e.getMessage(), e);
            }
            if (Words.casLong(s, wordOff, word, tmp.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0))) {
                return nv;
            }
        }
    }

    static boolean compareAndSet(TypeCode t, MemorySegment s, long wordOff, long expected, long update) {
        requireInteger(t, "compareAndSet");
        t.checkValue(update);
        MemorySegment tmp = MemorySegment.ofArray(new long[1]);
        while (true) {
            long word = Words.getLong(s, wordOff);
            tmp.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, word);
            if (t.read(tmp, 0) != expected) {
                return false;
            }
            t.write(tmp, 0, update);
            if (Words.casLong(s, wordOff, word, tmp.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0))) {
                return true;
            }
        }
    }

    private static void requireInteger(TypeCode t, String op) {
        if (t.isFloatingPoint()) {
            throw new UnsupportedOperationException(op + " is not supported for floating-point typecode '" + t.code() + "'");
        }
    }
}
