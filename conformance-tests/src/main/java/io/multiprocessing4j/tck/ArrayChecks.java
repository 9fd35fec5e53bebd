package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.SharedQueue;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Arrays and shared memory blocks. */
final class ArrayChecks {
    private ArrayChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("arrays and shared memory");
        c.add("V-20", "Array('i', 5)", "five zeros", "the same", env -> {
            SharedArray a = env.mp().array('i', 5);
            assertEquals(5, a.length());
            assertArrayEquals(new long[5], a.toLongArray());
            return null;
        });
        c.add("V-21", "an index past the end", "IndexError: invalid index", "IndexOutOfBoundsException", env -> {
            SharedArray a = env.mp().array('i', 3);
            assertThrows(IndexOutOfBoundsException.class, () -> a.getInt(3));
            assertThrows(IndexOutOfBoundsException.class, () -> a.setInt(3, 1));
            return null;
        });
        c.deliberate("V-22", "a negative index", "a[-1] is the last element", "IndexOutOfBoundsException (no wrapping)", env -> {
            SharedArray a = env.mp().array('i', 3);
            assertThrows(IndexOutOfBoundsException.class, () -> a.getInt(-1));
            return null;
        });
        c.add("V-23", "Array('i', -1)", "ValueError: Array length must be >= 0", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().array('i', -1));
            assertThrows(IllegalArgumentException.class, () -> env.mp().rawArray('i', -1));
            return null;
        });
        c.deliberate("V-24", "an initializer element out of range", "wraps", "IllegalArgumentException naming the element", env -> {
            var e = assertThrows(IllegalArgumentException.class, () -> env.mp().array('B', new int[] {1, 256}));
            assertTrue(e.getMessage().contains("256"), e.getMessage());
            return null;
        });
        c.add("V-25", "Array('c').value stops at NUL", "b'ab' for b'ab\\0cd'", "the same; raw() has every byte", env -> {
            SharedArray a = env.mp().array('c', "ab\0cd".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ab", new String(a.value(), StandardCharsets.US_ASCII));
            assertEquals(5, a.raw().length);
            return null;
        });
        c.add("V-26", "Array('c').value = longer than the array", "ValueError: byte string too long", "IllegalArgumentException", env -> {
            SharedArray a = env.mp().array('c', 2);
            assertThrows(IllegalArgumentException.class, () -> a.value("abc".getBytes(StandardCharsets.US_ASCII)));
            return null;
        });
        c.add("V-27", "segment() is a zero-copy view", "(memoryview(arr))", "a write through the segment is read by get()", env -> {
            SharedArray a = env.mp().array('i', 2);
            assertEquals(8, a.segment().byteSize());
            a.segment().set(ValueLayout.JAVA_INT_UNALIGNED, 4, 77);
            assertEquals(77, a.getInt(1));
            return null;
        });
        c.add("V-28", "a child's writes to an array", "visible in the parent", "the same", env -> {
            SharedArray a = env.mp().array('d', new double[] {1.0, 2.0});
            ChildProcess p = env.mp().process(() -> a.setDouble(1, 9.5)).start();
            p.join();
            assertArrayEquals(new double[] {1.0, 9.5}, a.toDoubleArray());
            return null;
        });
        c.add("V-29", "an array's lock", "get_lock() is an RLock; RawArray has none", "getLock(); rawArray's throws IllegalStateException", env -> {
            env.mp().array('i', 1).getLock().acquire();
            assertThrows(IllegalStateException.class, () -> env.mp().rawArray('i', 1).getLock());
            return null;
        });
        c.add("V-30", "SharedMemory(size=0)", "ValueError: 'size' must be a positive number", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().sharedMemory(0));
            assertThrows(IllegalArgumentException.class, () -> env.mp().sharedMemory(-1));
            return null;
        });
        c.add("V-31", "SharedMemory(name) of an unknown block", "FileNotFoundError", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().attachSharedMemory("mp4j-no-such-block"));
            assertThrows(NullPointerException.class, () -> env.mp().attachSharedMemory(null));
            return null;
        });
        c.add("V-32", "a new block", "zeroed, at least size bytes, named", "the same", env -> {
            SharedMemoryBlock b = env.mp().sharedMemory(100);
            try {
                assertTrue(b.size() >= 100);
                assertTrue(b.name() != null && !b.name().isEmpty());
                assertEquals(0, b.segment().get(ValueLayout.JAVA_BYTE, 99));
            } finally {
                b.close();
                b.unlink();
            }
            return null;
        });
        c.add("V-33", "a block attached by name in a child", "the child's writes are seen", "the same", env -> {
            SharedMemoryBlock b = env.mp().sharedMemory(16);
            try {
                String name = b.name();
                SharedQueue<String> done = env.mp().queue();
                ChildProcess p = env.mp().process(() -> {
                    var ctx = io.multiprocessing4j.spi.ProcessScope.current().context();
                    SharedMemoryBlock mine = ctx.attachSharedMemory(name);
                    mine.segment().set(ValueLayout.JAVA_BYTE, 3, (byte) 42);
                    mine.close();
                    done.put("ok");
                }).start();
                assertEquals("ok", done.get(T));
                p.join();
                assertEquals(42, b.segment().get(ValueLayout.JAVA_BYTE, 3));
            } finally {
                b.close();
                b.unlink();
            }
            return null;
        });
        c.add("V-34", "attach after unlink", "FileNotFoundError", "IllegalArgumentException", env -> {
            SharedMemoryBlock b = env.mp().sharedMemory(8);
            String name = b.name();
            b.close();
            b.unlink();
            assertThrows(IllegalArgumentException.class, () -> env.mp().attachSharedMemory(name));
            return null;
        });
        c.add("V-35", "arrays of every typecode", "sizes per typecode", "raw() is length x size bytes", env -> {
            for (char t : "bBhHiIlLqQfdcu".toCharArray()) {
                assertEquals(3 * io.multiprocessing4j.TypeCode.of(t).size(), env.mp().array(t, 3).raw().length, "typecode " + t);
            }
            return null;
        });
        return c.checks();
    }
}
