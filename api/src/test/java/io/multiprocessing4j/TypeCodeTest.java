package io.multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TypeCodeTest {

    @Test
    void lettersSizesAndRanges() {
        Object[][] expected = {
            {'b', 1, -128L, 127L}, {'B', 1, 0L, 255L}, {'h', 2, -32768L, 32767L}, {'H', 2, 0L, 65535L},
            {'i', 4, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE}, {'I', 4, 0L, 0xFFFF_FFFFL},
            {'l', 8, Long.MIN_VALUE, Long.MAX_VALUE}, {'L', 8, Long.MIN_VALUE, Long.MAX_VALUE},
            {'q', 8, Long.MIN_VALUE, Long.MAX_VALUE}, {'Q', 8, Long.MIN_VALUE, Long.MAX_VALUE},
            {'f', 4, 0L, 0L}, {'d', 8, 0L, 0L}, {'c', 1, -128L, 255L}, {'u', 4, 0L, 0x10FFFFL},
        };
        assertEquals(expected.length, TypeCode.values().length);
        for (Object[] row : expected) {
            TypeCode t = TypeCode.of((char) row[0]);
            assertEquals(row[0], t.code());
            assertEquals(row[1], t.size(), t.toString());
            assertEquals(row[2], t.minValue(), t.toString());
            assertEquals(row[3], t.maxValue(), t.toString());
            assertEquals(t.code() == 'f' || t.code() == 'd', t.isFloatingPoint());
        }
    }

    @Test
    void unknownLetterIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypeCode.of('x'));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("b B h H i I l L q Q f d c u"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TypeCode.of('J'));
    }

    @Test
    void integerRangesAreEnforcedAtBothEnds() {
        for (TypeCode t : TypeCode.values()) {
            if (t.isFloatingPoint() || t.maxValue() == Long.MAX_VALUE) {
                continue;
            }
            assertEquals(t.maxValue(), t.checkValue(t.maxValue()));
            assertEquals(t.minValue(), t.checkValue(t.minValue()));
            assertThrows(IllegalArgumentException.class, () -> t.checkValue(t.maxValue() + 1), t.toString());
            assertThrows(IllegalArgumentException.class, () -> t.checkValue(t.minValue() - 1), t.toString());
        }
    }

    @Test
    void intRefusesTwoToTheThirtyFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypeCode.INT.checkValue(1L << 31));
        assertTrue(e.getMessage().contains("2147483648") && e.getMessage().contains("'i'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TypeCode.INT.checkValue((Number) (1L << 31)));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.INT.checkValue((Number) 2147483648.0));
    }

    @Test
    void unsignedSixtyFourBitCodesAcceptEveryLong() {
        for (TypeCode t : new TypeCode[] {TypeCode.UNSIGNED_LONG, TypeCode.UNSIGNED_LONG_LONG}) {
            assertEquals(-1L, t.checkValue(-1L));
            assertEquals(Long.MIN_VALUE, t.checkValue(Long.MIN_VALUE));
            assertEquals(Long.MAX_VALUE, t.checkValue(Long.MAX_VALUE));
            t.checkValue((Number) Long.MIN_VALUE);
        }
    }

    @Test
    void floatingPointChecks() {
        TypeCode.FLOAT.checkValue((Number) 1.5);
        TypeCode.FLOAT.checkValue((Number) Double.NaN);
        TypeCode.FLOAT.checkValue((Number) Double.NEGATIVE_INFINITY);
        TypeCode.FLOAT.checkValue((Number) (double) Float.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> TypeCode.FLOAT.checkValue((Number) 1e39));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.FLOAT.checkValue((Number) (-1e39)));
        TypeCode.DOUBLE.checkValue((Number) Double.MAX_VALUE);
        TypeCode.FLOAT.checkValue((Number) Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, TypeCode.DOUBLE.checkValue(Long.MAX_VALUE), "no integer range for 'd'");
    }

    @Test
    void nonIntegerDoublesAreRefusedForIntegerCodes() {
        TypeCode.INT.checkValue((Number) 3.0);
        TypeCode.INT.checkValue((Number) 3.0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypeCode.INT.checkValue((Number) 3.5));
        assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TypeCode.INT.checkValue((Number) Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.LONG.checkValue((Number) Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.LONG.checkValue((Number) 0x1p63));
        TypeCode.LONG.checkValue((Number) (-0x1p63));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.BYTE.checkValue((Number) 128.0));
        assertThrows(NullPointerException.class, () -> TypeCode.INT.checkValue((Number) null));
    }

    @Test
    void otherNumberTypesUseTheirLongValue() {
        TypeCode.SHORT.checkValue((Number) (short) -5);
        TypeCode.LONG.checkValue((Number) BigInteger.TEN);
        assertThrows(IllegalArgumentException.class, () -> TypeCode.UNSIGNED_BYTE.checkValue((Number) (byte) -1));
    }

    @Test
    void readWriteRoundTrips() {
        MemorySegment seg = Arena.ofAuto().allocate(16, 8);
        for (TypeCode t : TypeCode.values()) {
            if (t.isFloatingPoint()) {
                t.write(seg, 1, (Number) (-2.5));
                assertEquals(-2.5, t.readDouble(seg, 1), t.toString());
                assertEquals(-2L, t.read(seg, 1));
                assertInstanceOf(Double.class, t.readBoxed(seg, 1));
                t.write(seg, 1, 7L);
                assertEquals(7.0, t.readDouble(seg, 1));
                continue;
            }
            t.write(seg, 1, t.maxValue());
            assertEquals(t.maxValue(), t.read(seg, 1), t.toString());
            assertEquals(t.maxValue(), t.readBoxed(seg, 1));
            t.write(seg, 1, (Number) t.minValue());
            long expectedMin = t == TypeCode.CHAR ? 0x80 : t.minValue();
            assertEquals(expectedMin, t.read(seg, 1), t.toString());
            t.write(seg, 1, (Number) 5.0);
            assertEquals(5L, t.read(seg, 1));
            assertThrows(IllegalArgumentException.class, () -> t.write(seg, 1, (Number) 0.5));
        }
        assertThrows(IllegalArgumentException.class, () -> TypeCode.SHORT.write(seg, 0, 1L << 20));
        assertThrows(IndexOutOfBoundsException.class, () -> TypeCode.LONG.write(seg, 9, 1L));
        assertThrows(IndexOutOfBoundsException.class, () -> TypeCode.INT.read(seg, 13));
    }

    @Test
    void unsignedLongReadsAsUnsignedDouble() {
        MemorySegment seg = Arena.ofAuto().allocate(8, 8);
        TypeCode.UNSIGNED_LONG_LONG.write(seg, 0, -1L);
        assertEquals(18446744073709551615.0, TypeCode.UNSIGNED_LONG_LONG.readDouble(seg, 0));
        assertEquals(-1.0, TypeCode.LONG_LONG.readDouble(seg, 0));
        TypeCode.UNSIGNED_LONG.write(seg, 0, 3L);
        assertEquals(3.0, TypeCode.UNSIGNED_LONG.readDouble(seg, 0));
    }

    @Test
    void charTakesSignedOrUnsignedBytes() {
        MemorySegment seg = Arena.ofAuto().allocate(1);
        TypeCode.CHAR.write(seg, 0, -1L);
        assertEquals(255, TypeCode.CHAR.read(seg, 0));
        TypeCode.CHAR.write(seg, 0, 255L);
        assertEquals(255, TypeCode.CHAR.read(seg, 0));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.CHAR.write(seg, 0, 256L));
        assertThrows(IllegalArgumentException.class, () -> TypeCode.CHAR.write(seg, 0, -129L));
        assertSame(TypeCode.CHAR, TypeCode.of('c'));
        assertFalse(TypeCode.WCHAR.isFloatingPoint());
    }
}
