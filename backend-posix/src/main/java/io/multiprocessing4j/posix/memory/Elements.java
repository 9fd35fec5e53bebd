package io.multiprocessing4j.posix.memory;

import io.multiprocessing4j.TypeCode;
import java.lang.foreign.MemorySegment;

/** Conversions shared by {@link PosixValue} and {@link PosixArray}. */
final class Elements {
    private Elements() {
    }

    /**
     * Reads an element as an int.
     *
     * @throws IllegalStateException if it does not fit an int, naming it
     */
    static int toInt(TypeCode t, MemorySegment s, long offset, String what) {
        long v = t.read(s, offset);
        if (t == TypeCode.UNSIGNED_LONG || t == TypeCode.UNSIGNED_LONG_LONG) {
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalStateException(what + " " + Long.toUnsignedString(v) + " does not fit an int");
            }
        } else if (t.isFloatingPoint()) {
            double d = t.readDouble(s, offset);
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw new IllegalStateException(what + " " + d + " does not fit an int");
            }
        } else if (v != (int) v) {
            throw new IllegalStateException(what + " " + v + " does not fit an int");
        }
        return (int) v;
    }

    /** @return whether the raw int {@code word} holds {@code expected} in its low bytes, decoded as {@code t} */
    static boolean sameValue(TypeCode t, int word, long mask, long expected) {
        long bits = word & mask;
        long decoded = switch (t) {
            case BYTE -> (byte) bits;
            case SHORT -> (short) bits;
            case INT, WCHAR -> (int) bits;
            default -> bits;
        };
        return decoded == expected;
    }
}
