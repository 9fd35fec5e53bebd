package io.multiprocessing4j.threads;

import io.multiprocessing4j.TypeCode;

/** Range-checked addition for integer typecodes. */
final class Arithmetic {
    private Arithmetic() {
    }

    /**
     * Adds {@code delta} to {@code value} within {@code type}'s range.
     *
     * @param type an integer typecode
     * @param value the current value ({@code 'L'}/{@code 'Q'}: the unsigned 64-bit pattern)
     * @param delta what to add
     * @return the sum
     * @throws IllegalArgumentException if the sum leaves the typecode's range
     */
    static long add(TypeCode type, long value, long delta) {
        if (type == TypeCode.UNSIGNED_LONG || type == TypeCode.UNSIGNED_LONG_LONG) {
            long sum = value + delta;
            boolean wrapped = delta >= 0 ? Long.compareUnsigned(sum, value) < 0 : Long.compareUnsigned(sum, value) > 0;
            if (wrapped) {
                throw new IllegalArgumentException("adding " + delta + " to " + Long.toUnsignedString(value)
                        + " leaves the range of typecode '" + type.code() + "' (0..2^64-1)");
            }
            return sum;
        }
        long sum;
        try {
            sum = Math.addExact(value, delta);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("adding " + delta + " to " + value + " overflows typecode '"
                    + type.code() + "'", e);
        }
        return type.checkValue(sum);
    }
}
