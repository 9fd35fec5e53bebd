package io.multiprocessing4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.util.ArrayList;
import java.util.List;

/** Values and typecodes. */
final class ValueChecks {
    private ValueChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("values");
        c.deliberate("V-01", "Value('i', 2**31)", "wraps silently to -2147483648", "IllegalArgumentException naming the value", env -> {
            var e = assertThrows(IllegalArgumentException.class, () -> env.mp().value('i', 2147483648L));
            assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
            return null;
        });
        c.add("V-02", "the extremes of 'i'", "-2**31 and 2**31-1 fit", "the same", env -> {
            assertEquals(Integer.MIN_VALUE, env.mp().value('i', Integer.MIN_VALUE).getInt());
            assertEquals(Integer.MAX_VALUE, env.mp().value('i', Integer.MAX_VALUE).getInt());
            return null;
        });
        c.deliberate("V-03", "Value('B', 256) and Value('B', -1)", "wrap to 0 and 255", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().value('B', 256));
            assertThrows(IllegalArgumentException.class, () -> env.mp().value('B', -1));
            assertEquals(255, env.mp().value('B', 255).getInt());
            return null;
        });
        c.add("V-04", "an unknown typecode", "TypeError: this type has no size", "IllegalArgumentException listing the typecodes", env -> {
            var e = assertThrows(IllegalArgumentException.class, () -> env.mp().value('x', 0));
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());
            return null;
        });
        c.deliberate("V-05", "setting an out-of-range value", "wraps", "IllegalArgumentException; the value is unchanged", env -> {
            SharedValue v = env.mp().value('h', 7);
            assertThrows(IllegalArgumentException.class, () -> v.set(40000));
            assertThrows(IllegalArgumentException.class, () -> v.setLong(-40000));
            assertEquals(7, v.getInt());
            return null;
        });
        c.add("V-06", "a float for an integer typecode", "TypeError: 'float' object cannot be interpreted as an integer",
                "IllegalArgumentException (a whole double is accepted)", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().value('i', 1.5));
            assertEquals(2, env.mp().value('i', 2.0).getInt());
            return null;
        });
        c.add("V-07", "Value('d', 3.14)", "3.14", "the same", env -> {
            SharedValue v = env.mp().value('d', 3.14);
            assertEquals(3.14, v.getDouble());
            v.setDouble(-0.5);
            assertEquals(-0.5, v.get().doubleValue());
            return null;
        });
        c.deliberate("V-08", "Value('f', 1e39)", "inf", "IllegalArgumentException (out of float range)", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().value('f', 1e39));
            assertEquals(1.5f, (float) env.mp().value('f', 1.5).getDouble());
            return null;
        });
        c.add("V-09", "'Q' holds every 64-bit pattern", "0..2**64-1", "every long, read as unsigned (-1 is 2**64-1)", env -> {
            SharedValue v = env.mp().value('Q', -1L);
            assertEquals(-1L, v.getLong());
            assertEquals("18446744073709551615", Long.toUnsignedString(v.getLong()));
            return null;
        });
        c.add("V-10", "atomic helpers", "(v.value += 1 under get_lock())", "addAndGet and compareAndSet", env -> {
            SharedValue v = env.mp().value('q', 10);
            assertEquals(15, v.addAndGet(5));
            assertTrue(v.compareAndSet(15, 1));
            assertFalse(v.compareAndSet(15, 2));
            assertEquals(1, v.getLong());
            return null;
        });
        c.add("V-11", "addAndGet past the range", "wraps", "IllegalArgumentException; unchanged", env -> {
            SharedValue v = env.mp().value('b', 127);
            assertThrows(IllegalArgumentException.class, () -> v.addAndGet(1));
            assertEquals(127, v.getInt());
            return null;
        });
        c.add("V-12", "get_lock()", "an RLock guarding the value", "getLock() is a reentrant lock", env -> {
            SharedValue v = env.mp().value('i', 0);
            v.getLock().acquire();
            v.getLock().acquire();
            v.getLock().release();
            v.getLock().release();
            return null;
        });
        c.add("V-13", "RawValue has no lock", "AttributeError: no get_lock", "getLock() throws IllegalStateException", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().rawValue('i', 0).getLock());
            return null;
        });
        c.add("V-14", "atomic increments from 4 processes", "(lost without the lock)", "addAndGet: exact total 4 x 500", env -> {
            SharedValue v = env.mp().value('i', 0);
            List<ChildProcess> ps = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                ps.add(env.mp().process(() -> {
                    for (int i = 0; i < 500; i++) {
                        v.addAndGet(1);
                    }
                }).start());
            }
            ps.forEach(ChildProcess::join);
            assertEquals(2000, v.getInt());
            return null;
        });
        c.add("V-15", "null arguments", "TypeError", "NullPointerException", env -> {
            assertThrows(NullPointerException.class, () -> env.mp().value((TypeCode) null, 0));
            assertThrows(NullPointerException.class, () -> env.mp().value('i', null));
            return null;
        });
        c.add("V-16", "typecode sizes", "struct sizes on Linux x86-64", "b B 1, h H 2, i I 4, l L q Q 8, f 4, d 8, c 1, u 4", env -> {
            String sizes = "";
            for (char t : "bBhHiIlLqQfdcu".toCharArray()) {
                sizes += TypeCode.of(t).size();
            }
            assertEquals("11224488884814", sizes);
            return sizes;
        });
        c.add("V-17", "'u' holds a code point", "a str of length 1", "a code point up to 0x10FFFF", env -> {
            assertEquals(0x1F600, env.mp().value('u', 0x1F600).getInt());
            assertThrows(IllegalArgumentException.class, () -> env.mp().value('u', 0x110000));
            return null;
        });
        c.add("V-18", "a child's write is visible to the parent", "shared memory", "the same", env -> {
            SharedValue v = env.mp().value('d', 0.0);
            ChildProcess p = env.mp().process(() -> v.setDouble(2.5)).start();
            p.join();
            assertEquals(2.5, v.getDouble());
            return null;
        });
        c.add("V-19", "the value's typecode", "-", "typeCode() as made", env -> {
            assertEquals(TypeCode.UNSIGNED_SHORT, env.mp().value('H', 1).typeCode());
            return null;
        });
        return c.checks();
    }
}
