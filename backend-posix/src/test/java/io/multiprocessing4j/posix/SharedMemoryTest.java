package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Processes;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedMemoryTest {
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        mp.close();
    }

    @Test
    void valueRefusesOutOfRangeAndKeepsTypes() {
        SharedValue v = mp.value('i', 5);
        assertEquals(5L, v.get());
        assertThrows(IllegalArgumentException.class, () -> v.setLong(1L << 31));
        assertEquals(5, v.getInt());
        SharedValue d = mp.value('d', 1.5);
        assertEquals(1.5, d.get());
        assertThrows(UnsupportedOperationException.class, () -> d.addAndGet(1));
        SharedValue u = mp.value('I', 0xFFFF_FFFFL);
        assertThrows(IllegalStateException.class, u::getInt);
        assertThrows(IllegalArgumentException.class, () -> mp.value('B', 256));
    }

    @Test
    void atomicHelpersOnEveryIntegerWidth() {
        for (char c : new char[] {'b', 'B', 'h', 'H', 'i', 'I', 'q', 'Q', 'c', 'u'}) {
            SharedValue v = mp.rawValue(c, 3);
            assertEquals(5, v.addAndGet(2), "typecode " + c);
            assertTrue(v.compareAndSet(5, 9), "typecode " + c);
            assertFalse(v.compareAndSet(5, 1), "typecode " + c);
            assertEquals(9, v.getLong(), "typecode " + c);
            assertThrows(IllegalStateException.class, v::getLock);
        }
        SharedValue b = mp.value('b', 127);
        assertThrows(IllegalArgumentException.class, () -> b.addAndGet(1));
        assertEquals(127, b.getLong(), "a refused add leaves the value unchanged");
        SharedValue neg = mp.value('h', -2);
        assertEquals(-1, neg.addAndGet(1));
        assertTrue(neg.compareAndSet(-1, -300));
        assertEquals(-300, neg.getLong());
    }

    @Test
    void atomicAddIsExactAcrossThreads() throws Exception {
        SharedValue v = mp.value('q', 0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    v.addAndGet(1);
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(java.time.Duration.ofSeconds(30)));
        }
        assertEquals(40_000, v.getLong());
    }

    @Test
    void aDeserializedValueSeesTheSameMemory() {
        SharedValue v = mp.value('i', 1);
        SharedValue copy = JvmChild.decode(JvmChild.encode(v));
        copy.setInt(42);
        assertEquals(42, v.getInt());
    }

    @Test
    void arrayAccessChecksIndexesAndRanges() {
        SharedArray a = mp.array('i', new int[] {1, 2, 3, 4});
        assertEquals(4, a.length());
        assertArrayEquals(new long[] {1, 2, 3, 4}, a.toLongArray());
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(4));
        assertThrows(IndexOutOfBoundsException.class, () -> a.setInt(-1, 0));
        a.setInt(2, 30);
        assertEquals(30, a.segment().getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 2));
        assertEquals(16, a.segment().byteSize());
        SharedArray chars = mp.array('c', "Hello".getBytes());
        assertArrayEquals("Hello".getBytes(), chars.value());
        chars.value("Hi".getBytes());
        assertArrayEquals("Hi".getBytes(), chars.value());
        assertArrayEquals(new byte[] {'H', 'i', 0, 'l', 'o'}, chars.raw());
        assertThrows(IllegalStateException.class, a::value);
        SharedArray doubles = mp.array('d', new double[] {0.5, 1.5});
        assertArrayEquals(new double[] {0.5, 1.5}, doubles.toDoubleArray());
        assertEquals(0, mp.array(TypeCode.INT, 0).length());
        SharedArray copy = JvmChild.decode(JvmChild.encode(a));
        copy.setInt(0, -7);
        assertEquals(-7, a.getInt(0));
    }

    @Test
    void blockAttachUnlinkAndClose() {
        SharedMemoryBlock block = mp.sharedMemory(100);
        assertTrue(block.name().startsWith("mp4j-"));
        assertEquals(100, block.size());
        block.segment().set(ValueLayout.JAVA_LONG, 8, 0x1234L);
        try (SharedMemoryBlock other = mp.attachSharedMemory(block.name())) {
            assertEquals(0x1234L, other.segment().get(ValueLayout.JAVA_LONG, 8));
        }
        SharedMemoryBlock copy = JvmChild.decode(JvmChild.encode(block));
        assertEquals(0x1234L, copy.segment().get(ValueLayout.JAVA_LONG, 8));
        copy.close();
        assertThrows(IllegalStateException.class, copy::segment);
        block.unlink();
        assertFalse(ShmFiles.exists(block.name()));
        assertThrows(IllegalStateException.class, block::unlink);
        assertThrows(IllegalArgumentException.class, () -> mp.attachSharedMemory(block.name()));
        assertEquals(0x1234L, block.segment().get(ValueLayout.JAVA_LONG, 8), "views outlive unlink");
        block.close();
    }

    @Test
    void closeRemovesEverySegmentItCreated() {
        PosixContext other = new PosixContext(ContextOptions.DEFAULTS);
        SharedValue v = other.value('i', 1);
        other.lock();
        other.array('d', 10);
        SharedMemoryBlock forgotten = other.sharedMemory(4096);
        List<String> names = other.owner().createdNames();
        assertEquals(4, names.size());
        assertTrue(ShmFiles.ours().containsAll(names));
        other.close();
        for (String name : names) {
            assertFalse(ShmFiles.exists(name), name + " left behind");
        }
        assertThrows(IllegalStateException.class, v::get);
        assertThrows(IllegalStateException.class, forgotten::segment);
        assertThrows(IllegalStateException.class, () -> other.value('i', 0));
    }

    @Test
    void theTrackerRemovesSegmentsOfAKilledOwner() throws Exception {
        try (JvmChild child = JvmChild.start("shm-and-hang")) {
            List<String> words = Arrays.asList(child.line().split(" "));
            int trackerPid = Integer.parseInt(words.get(0));
            Set<String> names = Set.copyOf(words.subList(1, words.size()));
            assertEquals(3, names.size());
            assertTrue(ShmFiles.ours().containsAll(names));
            int pidfd = Processes.pidfdOpen(trackerPid);
            try {
                child.killHard();
                short ready = Descriptors.poll(pidfd, Descriptors.POLLIN, (int) TimeUnit.SECONDS.toMillis(20));
                assertTrue(ready != 0, "the tracker did not end after its owner was killed");
            } finally {
                Descriptors.close(pidfd);
            }
            for (String name : names) {
                assertFalse(ShmFiles.exists(name), name + " left behind by a killed owner");
            }
        }
    }
}
