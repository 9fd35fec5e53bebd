package io.multiprocessing4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Python's {@code array}/{@code ctypes} typecodes for {@link SharedValue} and {@link SharedArray}:
 * each knows its letter, its size in bytes (as on 64-bit Linux) and the values it accepts.
 *
 * <p>Values outside a typecode's range are refused with {@link IllegalArgumentException}, where
 * CPython silently wraps them. {@code 'L'} and {@code 'Q'} hold the 64-bit pattern of any
 * {@code long} (Java's unsigned convention: print them with {@link Long#toUnsignedString(long)}).
 * {@code 'c'} holds one byte, given as a Java {@code byte} (−128..127) or its unsigned value
 * (0..255). {@code 'u'} holds one Unicode code point in 4 bytes, as {@code wchar_t} on Linux.
 */
public enum TypeCode {
    /** {@code 'b'}: signed char, 1 byte. */
    BYTE('b', 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
    /** {@code 'B'}: unsigned char, 1 byte. */
    UNSIGNED_BYTE('B', 1, 0, 0xFF),
    /** {@code 'h'}: signed short, 2 bytes. */
    SHORT('h', 2, Short.MIN_VALUE, Short.MAX_VALUE),
    /** {@code 'H'}: unsigned short, 2 bytes. */
    UNSIGNED_SHORT('H', 2, 0, 0xFFFF),
    /** {@code 'i'}: signed int, 4 bytes. */
    INT('i', 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code 'I'}: unsigned int, 4 bytes. */
    UNSIGNED_INT('I', 4, 0, 0xFFFF_FFFFL),
    /** {@code 'l'}: signed long, 8 bytes on 64-bit Linux. */
    LONG('l', 8, Long.MIN_VALUE, Long.MAX_VALUE),
    /** {@code 'L'}: unsigned long, 8 bytes; any {@code long} is its 64-bit pattern. */
    UNSIGNED_LONG('L', 8, Long.MIN_VALUE, Long.MAX_VALUE),
    /** {@code 'q'}: signed long long, 8 bytes. */
    LONG_LONG('q', 8, Long.MIN_VALUE, Long.MAX_VALUE),
    /** {@code 'Q'}: unsigned long long, 8 bytes; any {@code long} is its 64-bit pattern. */
    UNSIGNED_LONG_LONG('Q', 8, Long.MIN_VALUE, Long.MAX_VALUE),
    /** {@code 'f'}: float, 4 bytes. */
    FLOAT('f', 4, 0, 0),
    /** {@code 'd'}: double, 8 bytes. */
    DOUBLE('d', 8, 0, 0),
    /** {@code 'c'}: char (one byte), 1 byte. */
    CHAR('c', 1, Byte.MIN_VALUE, 0xFF),
    /** {@code 'u'}: wchar_t (one code point), 4 bytes. */
    WCHAR('u', 4, 0, Character.MAX_CODE_POINT);

    private final char code;
    private final int size;
    private final long min;
    private final long max;

    TypeCode(char code, int size, long min, long max) {
        this.code = code;
        this.size = size;
        this.min = min;
        this.max = max;
    }

    /**
     * Finds a typecode by its letter.
     *
     * @param code one of {@code b B h H i I l L q Q f d c u}
     * @return the typecode
     * @throws IllegalArgumentException if {@code code} is not one of them
     */
    public static TypeCode of(char code) {
        for (TypeCode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown typecode '" + code
                + "': expected one of b B h H i I l L q Q f d c u");
    }

    /** @return the Python letter */
    public char code() {
        return code;
    }

    /** @return the size in bytes */
    public int size() {
        return size;
    }

    /** @return whether this is {@code 'f'} or {@code 'd'} */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    /** @return the smallest accepted integer value (undefined for floating point; 0 there) */
    public long minValue() {
        return min;
    }

    /** @return the largest accepted integer value (undefined for floating point; 0 there) */
    public long maxValue() {
        return max;
    }

    /**
     * Checks that an integer fits this typecode.
     *
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if it is out of range, naming the value and the range
     */
    public long checkValue(long value) {
        if (isFloatingPoint()) {
            return value;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("value " + value + " out of range for typecode '" + code
                    + "' (" + min + ".." + max + ")");
        }
        return value;
    }

    /**
     * Checks that a number fits this typecode: an integral value for an integer typecode, a
     * value a {@code float} can hold (or infinity/NaN) for {@code 'f'}.
     *
     * @param value the value
     * @throws IllegalArgumentException if it does not fit, naming the value
     * @throws NullPointerException if {@code value} is null
     */
    public void checkValue(Number value) {
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (!isFloatingPoint()) {
                if (d != Math.rint(d) || Double.isInfinite(d) || Double.isNaN(d)) {
                    throw new IllegalArgumentException("value " + value + " is not an integer, as typecode '"
                            + code + "' requires");
                }
                if (d < -0x1p63 || d >= 0x1p63) {
                    throw new IllegalArgumentException("value " + value + " out of range for typecode '" + code + "'");
                }
                checkValue((long) d);
            } else if (this == FLOAT && Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                throw new IllegalArgumentException("value " + value + " out of range for typecode 'f'");
            }
        } else if (!isFloatingPoint()) {
            checkValue(value.longValue());
        }
    }

    /**
     * Reads an integer-typed element, sign- or zero-extended as the C type is.
     *
     * @param segment the memory
     * @param offset the byte offset
     * @return the value ({@code 'L'}/{@code 'Q'}: the 64-bit pattern)
     * @throws IndexOutOfBoundsException if the element lies outside the segment
     */
    public long read(MemorySegment segment, long offset) {
        return switch (this) {
            case BYTE -> segment.get(ValueLayout.JAVA_BYTE, offset);
            case UNSIGNED_BYTE, CHAR -> Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, offset));
            case SHORT -> segment.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset);
            case UNSIGNED_SHORT -> Short.toUnsignedLong(segment.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset));
            case INT, WCHAR -> segment.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
            case UNSIGNED_INT -> Integer.toUnsignedLong(segment.get(ValueLayout.JAVA_INT_UNALIGNED, offset));
            case LONG, UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG ->
                    segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
            case FLOAT -> (long) segment.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset);
            case DOUBLE -> (long) segment.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset);
        };
    }

    /**
     * Reads an element as a double (exact for {@code 'f'} and {@code 'd'}).
     *
     * @param segment the memory
     * @param offset the byte offset
     * @return the value
     * @throws IndexOutOfBoundsException if the element lies outside the segment
     */
    public double readDouble(MemorySegment segment, long offset) {
        return switch (this) {
            case FLOAT -> segment.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset);
            case DOUBLE -> segment.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset);
            case UNSIGNED_LONG, UNSIGNED_LONG_LONG -> unsignedToDouble(read(segment, offset));
            default -> read(segment, offset);
        };
    }

    /**
     * Writes an integer after checking its range.
     *
     * @param segment the memory
     * @param offset the byte offset
     * @param value the value
     * @throws IllegalArgumentException if the value is out of range
     * @throws IndexOutOfBoundsException if the element lies outside the segment
     */
    public void write(MemorySegment segment, long offset, long value) {
        checkValue(value);
        switch (this) {
            case BYTE, UNSIGNED_BYTE, CHAR -> segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
            case SHORT, UNSIGNED_SHORT -> segment.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset, (short) value);
            case INT, UNSIGNED_INT, WCHAR -> segment.set(ValueLayout.JAVA_INT_UNALIGNED, offset, (int) value);
            case LONG, UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG ->
                    segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, value);
            case FLOAT -> segment.set(ValueLayout.JAVA_FLOAT_UNALIGNED, offset, value);
            case DOUBLE -> segment.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset, value);
        }
    }

    /**
     * Writes a number after checking that it fits.
     *
     * @param segment the memory
     * @param offset the byte offset
     * @param value the value
     * @throws IllegalArgumentException if it does not fit
     * @throws NullPointerException if {@code value} is null
     * @throws IndexOutOfBoundsException if the element lies outside the segment
     */
    public void write(MemorySegment segment, long offset, Number value) {
        checkValue(value);
        switch (this) {
            case FLOAT -> segment.set(ValueLayout.JAVA_FLOAT_UNALIGNED, offset, value.floatValue());
            case DOUBLE -> segment.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset, value.doubleValue());
            default -> write(segment, offset, value instanceof Double || value instanceof Float
                    ? (long) value.doubleValue() : value.longValue());
        }
    }

    /**
     * Reads an element boxed as Python would show it: {@code Double} for {@code 'f'}/{@code 'd'},
     * {@code Long} otherwise.
     *
     * @param segment the memory
     * @param offset the byte offset
     * @return the boxed value
     * @throws IndexOutOfBoundsException if the element lies outside the segment
     */
    public Number readBoxed(MemorySegment segment, long offset) {
        return isFloatingPoint() ? (Number) readDouble(segment, offset) : (Number) read(segment, offset);
    }

    private static double unsignedToDouble(long bits) {
        double d = (double) (bits >>> 1) * 2.0;
        return d + (bits & 1);
    }
}
