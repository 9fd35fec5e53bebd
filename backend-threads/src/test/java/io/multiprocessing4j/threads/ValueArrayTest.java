package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueArrayTest extends ThreadsTestBase {

    @Test
    void valueHoldsItsTypeAndRefusesWhatDoesNotFit() {
        SharedValue v = mp.value('i', 5);
        assertEquals(TypeCode.INT, v.typeCode());
        assertEquals(5L, v.get());
        v.set(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, v.getInt());
        assertThrows(IllegalArgumentException.class, () -> v.set(1L << 31));
        assertThrows(IllegalArgumentException.class, () -> v.setLong(1L << 31));
        assertThrows(IllegalArgumentException.class, () -> v.set(1.5));
        assertThrows(IllegalArgumentException.class, () -> v.setDouble(0.5));
        assertThrows(NullPointerException.class, () -> v.set(null));
        assertEquals(Integer.MAX_VALUE, v.getInt(), "a refused write changes nothing");
        v.setDouble(-3.0);
        assertEquals(-3, v.getLong());
        assertEquals(-3.0, v.getDouble());
        v.setInt(7);
        assertEquals(7L, v.get());
        assertThrows(IllegalArgumentException.class, () -> mp.value(TypeCode.INT, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> mp.value('x', 0));
        assertThrows(NullPointerException.class, () -> mp.value(TypeCode.INT, null));
    }

    @Test
    void everyTypeCodeRoundTripsItsLimits() {
        for (TypeCode t : TypeCode.values()) {
            SharedValue v = mp.value(t, 0);
            if (t.isFloatingPoint()) {
                v.setDouble(1.5);
                assertEquals(1.5, v.get());
                assertInstanceOf(Double.class, v.get());
                assertThrows(UnsupportedOperationException.class, () -> v.addAndGet(1));
                assertThrows(UnsupportedOperationException.class, () -> v.compareAndSet(0, 1));
                continue;
            }
            v.setLong(t.maxValue());
            assertEquals(t.maxValue(), v.getLong(), t.toString());
            v.setLong(t.minValue());
            assertEquals(t == TypeCode.CHAR ? 0x80 : t.minValue(), v.getLong(), t.toString());
            assertInstanceOf(Long.class, v.get());
        }
        SharedValue f = mp.value('f', 0);
        assertThrows(IllegalArgumentException.class, () -> f.setDouble(1e300));
        f.setDouble(Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, f.getDouble());
        SharedValue u = mp.value('I', 0);
        u.setLong(0xFFFF_FFFFL);
        assertThrows(IllegalStateException.class, u::getInt);
        SharedValue d = mp.value('d', 0);
        d.setDouble(1e20);
        assertThrows(IllegalStateException.class, d::getInt);
        d.setDouble(-2.9);
        assertEquals(-2, d.getInt());
    }

    @Test
    void addAndGetIsRangeCheckedAndLeavesTheValueOnFailure() {
        SharedValue b = mp.value('b', 120);
        assertEquals(127, b.addAndGet(7));
        assertThrows(IllegalArgumentException.class, () -> b.addAndGet(1));
        assertEquals(127, b.getLong());
        SharedValue q = mp.value('q', Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> q.addAndGet(1));
        assertEquals(Long.MAX_VALUE, q.getLong());
        SharedValue uq = mp.value('Q', -2L);
        assertEquals(-1L, uq.addAndGet(1), "0xFFFF...FF is the largest 'Q'");
        assertThrows(IllegalArgumentException.class, () -> uq.addAndGet(1));
        assertEquals(-1L, uq.getLong());
        SharedValue uz = mp.value('L', 0);
        assertThrows(IllegalArgumentException.class, () -> uz.addAndGet(-1));
        assertEquals(0, uz.getLong());
        assertEquals(5, uz.addAndGet(5));
        SharedValue ub = mp.value('B', 0);
        assertThrows(IllegalArgumentException.class, () -> ub.addAndGet(-1));
    }

    @Test
    void compareAndSetChecksItsUpdate() {
        SharedValue v = mp.value('h', 1);
        assertTrue(v.compareAndSet(1, 2));
        assertFalse(v.compareAndSet(1, 3));
        assertEquals(2, v.getLong());
        assertThrows(IllegalArgumentException.class, () -> v.compareAndSet(2, 1 << 20));
        assertEquals(2, v.getLong());
    }

    @Test
    void atomicAddIsExactAcrossProcesses() {
        SharedValue v = mp.rawValue('i', 0);
        List<ChildProcess> ps = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            ps.add(mp.process(() -> {
                for (int i = 0; i < 5_000; i++) {
                    v.addAndGet(1);
                }
            }).start());
        }
        for (ChildProcess p : ps) {
            assertTrue(p.join(LONG));
        }
        assertEquals(20_000, v.getInt());
    }

    @Test
    void lockIsAnRLockAndRawHasNone() {
        SharedValue v = mp.value('i', 0);
        assertSame(v.getLock(), v.getLock());
        v.getLock().acquire();
        v.getLock().acquire();
        assertEquals(2, v.getLock().holdCount());
        v.getLock().release();
        v.getLock().release();
        SharedValue raw = mp.rawValue('i', 0);
        assertThrows(IllegalStateException.class, raw::getLock);
        SharedArray rawArray = mp.rawArray('d', 2);
        assertThrows(IllegalStateException.class, rawArray::getLock);
        assertNotSame(mp.array('i', 1).getLock(), mp.array('i', 1).getLock());
    }

    @Test
    void arrayIsZeroedTypedAndIndexChecked() {
        SharedArray a = mp.array('i', 3);
        assertEquals(3, a.length());
        assertEquals(TypeCode.INT, a.typeCode());
        assertArrayEquals(new long[3], a.toLongArray());
        a.set(0, 5);
        a.setInt(1, -6);
        a.setLong(2, 7);
        assertEquals(5L, a.get(0));
        assertEquals(-6, a.getInt(1));
        assertEquals(7.0, a.getDouble(2));
        assertArrayEquals(new double[] {5, -6, 7}, a.toDoubleArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
        assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("length 3"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.setLong(3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.getLong(-1));
        assertThrows(IllegalArgumentException.class, () -> a.setLong(0, 1L << 40));
        assertThrows(IllegalArgumentException.class, () -> a.setDouble(0, 0.5));
        assertThrows(NullPointerException.class, () -> a.set(0, null));
        assertEquals(5, a.getInt(0));
        assertThrows(IllegalArgumentException.class, () -> mp.array('i', -1));
        assertEquals(0, mp.array('d', 0).length());
    }

    @Test
    void arraysFromInitialValues() {
        assertArrayEquals(new long[] {1, 2, 3, 4}, mp.array('i', new int[] {1, 2, 3, 4}).toLongArray());
        assertArrayEquals(new long[] {-1L, 2}, mp.array('Q', new long[] {-1L, 2}).toLongArray());
        assertArrayEquals(new double[] {0.5, 2}, mp.array('d', new double[] {0.5, 2}).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mp.array('b', new int[] {1, 200}));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mp.array('i', new double[] {0.5}));
        SharedArray c = mp.array('c', "Hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("Hello", new String(c.value(), StandardCharsets.US_ASCII));
        SharedArray b = mp.array('b', new byte[] {-1, 1});
        assertEquals(-1, b.getLong(0));
        SharedArray ub = mp.array('B', new byte[] {-1});
        assertEquals(255, ub.getLong(0));
    }

    @Test
    void charArrayValueAndRaw() {
        SharedArray c = mp.array('c', 8);
        assertEquals(0, c.value().length);
        c.value("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("abc", new String(c.value(), StandardCharsets.US_ASCII));
        c.value("x".getBytes(StandardCharsets.US_ASCII));
        assertEquals("x", new String(c.value(), StandardCharsets.US_ASCII), "a NUL ends the value");
        assertArrayEquals(new byte[] {'x', 0, 'c', 0, 0, 0, 0, 0}, c.raw());
        c.value("12345678".getBytes(StandardCharsets.US_ASCII));
        assertEquals("12345678", new String(c.value(), StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> c.value("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(NullPointerException.class, () -> c.value(null));
        SharedArray i = mp.array('i', 2);
        assertThrows(IllegalStateException.class, i::value);
        assertThrows(IllegalStateException.class, () -> i.value(new byte[0]));
        i.setLong(1, 0x01020304);
        assertEquals(8, i.raw().length);
    }

    @Test
    void segmentIsAZeroCopyView() {
        SharedArray a = mp.array('q', 4);
        assertEquals(32, a.segment().byteSize());
        a.segment().setAtIndex(ValueLayout.JAVA_LONG, 2, 99L);
        assertEquals(99, a.getLong(2));
        a.setLong(3, -5);
        assertEquals(-5, a.segment().getAtIndex(ValueLayout.JAVA_LONG, 3));
    }

    @Test
    void childWritesAreSeenByTheParent() {
        SharedValue v = mp.value('d', 0.0);
        SharedArray a = mp.array('i', 10);
        mp.process(() -> {
            v.setDouble(3.25);
            for (int i = 0; i < a.length(); i++) {
                a.setInt(i, i * i);
            }
        }).start().join();
        assertEquals(3.25, v.getDouble());
        assertEquals(81, a.getInt(9));
    }

    @Test
    void handlesResolveToTheSameObjects() throws Exception {
        SharedValue v = mp.value('i', 1);
        SharedArray a = mp.array('i', 1);
        assertSame(v, roundTrip(v));
        assertSame(a, roundTrip(a));
    }
}
