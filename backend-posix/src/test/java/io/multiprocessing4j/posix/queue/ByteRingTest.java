package io.multiprocessing4j.posix.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.posix.context.PosixContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The byte ring of variable-length records under {@link QueueCore}, driven directly. */
class ByteRingTest {
    private static final long BOUND = TimeUnit.SECONDS.toNanos(30);
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        QueueCore.beforeCommit = null;
        mp.close();
    }

    /** An item that names itself: its id in the first 4 bytes, then a pattern derived from it. */
    private static byte[] item(int id, int length) {
        byte[] b = new byte[Math.max(4, length)];
        ByteBuffer.wrap(b).putInt(id);
        for (int i = 4; i < b.length; i++) {
            b[i] = (byte) (id * 31 + i);
        }
        return b;
    }

    private static int idOf(byte[] b) {
        assertArrayEquals(item(ByteBuffer.wrap(b).getInt(), b.length), b, "item bytes intact");
        return ByteBuffer.wrap(b).getInt();
    }

    private static void put(QueueCore q, byte[] bytes) {
        assertTrue(q.put(ItemCodec.BYTES, bytes, deadline()), "put within the bound");
    }

    private static byte[] take(QueueCore q) {
        Ring.Item item = q.take(deadline());
        assertNotNull(item, "an item within the bound");
        assertEquals(ItemCodec.BYTES, item.kind());
        return item.bytes();
    }

    private static long deadline() {
        return System.nanoTime() + BOUND;
    }

    @Test
    void recordsOfVariedSizesWrapAroundWithoutGrowing() {
        QueueCore q = QueueCore.create(mp.owner(), 0);
        Random random = new Random(7);
        ArrayDeque<byte[]> expected = new ArrayDeque<>();
        long bytes = 0;
        int id = 0;
        for (int round = 0; round < 2000; round++) {
            // at most 3 records of at most 3 kB queued: well under the 16 KiB ring, so it wraps, never grows
            while (expected.size() < 3) {
                byte[] b = item(id++, random.nextInt(3000));
                put(q, b);
                expected.add(b);
                bytes += b.length;
            }
            int n = 1 + random.nextInt(expected.size());
            for (int i = 0; i < n; i++) {
                assertArrayEquals(expected.poll(), take(q));
            }
        }
        assertTrue(bytes > 100L * Ring.INITIAL_CAPACITY, "went round the ring many times: " + bytes);
        assertEquals(Ring.INITIAL_CAPACITY, q.ringCapacity(), "wrapping needed no growth");
        assertEquals(expected.size(), q.size());
    }

    @Test
    void recordsLargerThanTheRingGrowItAndTheLongestSpill() throws IOException {
        QueueCore q = QueueCore.create(mp.owner(), 0);
        int[] sizes = {5, 100_000, 17, Ring.MAX_INLINE, Ring.MAX_INLINE + 1, 0, 3 * Ring.INITIAL_CAPACITY};
        for (int i = 0; i < sizes.length; i++) {
            put(q, item(i, sizes[i]));
        }
        assertTrue(q.ringCapacity() >= 2 * Ring.MAX_INLINE, "grew to hold a record of the longest inline size");
        assertEquals(1, shmNames(q.name() + "-s").size(), "only the item beyond the inline limit spilled");
        List<Ring.Item> snapshot = q.snapshot(Integer.MAX_VALUE);
        assertEquals(sizes.length, snapshot.size());
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(i, idOf(snapshot.get(i).bytes()), "the snapshot reads in order, taking nothing");
        }
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = take(q);
            assertEquals(i, idOf(b));
            assertEquals(Math.max(4, sizes[i]), b.length);
        }
        assertEquals(List.of(), shmNames(q.name() + "-s"), "the spill was unlinked when taken");
        assertNull(q.take(System.nanoTime()), "empty");
    }

    @Test
    void growingWhileItemsAreQueuedAcrossTheRingsEndKeepsThemAll() {
        QueueCore q = QueueCore.create(mp.owner(), 0);
        int id = 0;
        int taken = 0;
        // move head and tail near the ring's end, then queue records that wrap (with padding)
        while (id < 14) {
            put(q, item(id++, 1000));
        }
        while (taken < 12) {
            assertEquals(taken++, idOf(take(q)));
        }
        for (int i = 0; i < 6; i++) {
            put(q, item(id++, 1500)); // crosses the end of the 16 KiB ring: padding, then offset 0
        }
        assertEquals(Ring.INITIAL_CAPACITY, q.ringCapacity());
        put(q, item(id++, 3 * Ring.INITIAL_CAPACITY)); // grows with wrapped items and padding queued
        assertTrue(q.ringCapacity() > Ring.INITIAL_CAPACITY);
        for (int i = 0; i < 30; i++) {
            put(q, item(id++, 700));
        }
        assertEquals(id - taken, q.size());
        while (taken < id) {
            assertEquals(taken++, idOf(take(q)));
        }
        assertEquals(0, q.size());
    }

    @Test
    void aProducerDyingBeforeItsCommitLeavesNothing() {
        QueueCore q = QueueCore.create(mp.owner(), 0);
        put(q, item(0, 10_000));
        put(q, item(1, 3_000));
        assertEquals(0, idOf(take(q))); // the tail is now 13 kB into the 16 KiB ring
        QueueCore.beforeCommit = () -> {
            throw new IllegalStateException("killed");
        };
        // a record that would wrap (padding written too), then one that grows the ring: neither commits
        assertThrows(IllegalStateException.class, () -> q.put(ItemCodec.BYTES, item(-1, 8_000), deadline()));
        assertThrows(IllegalStateException.class, () -> q.put(ItemCodec.BYTES, item(-2, 40_000), deadline()));
        QueueCore.beforeCommit = null;
        assertEquals(1, q.size(), "the uncommitted records are invisible");
        assertEquals(1, q.snapshot(10).size());
        put(q, item(2, 8_000)); // overwrites what the dead producers wrote
        put(q, item(3, 20));
        assertEquals(1, idOf(take(q)));
        assertEquals(2, idOf(take(q)));
        assertEquals(3, idOf(take(q)));
        assertNull(q.take(System.nanoTime()));
    }

    @Test
    void joinableCountsIgnoreAnUncommittedPut() {
        QueueCore q = QueueCore.create(mp.owner(), 0);
        put(q, item(0, 10));
        QueueCore.beforeCommit = () -> {
            throw new IllegalStateException("killed");
        };
        assertThrows(IllegalStateException.class, () -> q.put(ItemCodec.BYTES, item(1, 10), deadline()));
        QueueCore.beforeCommit = null;
        take(q);
        q.taskDone();
        assertTrue(q.join(System.nanoTime()), "one put, one done");
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void boundedQueueCountsItemsNotBytes() {
        QueueCore q = QueueCore.create(mp.owner(), 3);
        put(q, item(0, 50_000)); // larger than the ring: grows, the bound is in items
        put(q, item(1, 4));
        put(q, item(2, 4));
        assertEquals(false, q.put(ItemCodec.BYTES, item(3, 4), System.nanoTime()), "full at 3 items");
        assertEquals(0, idOf(take(q)));
        put(q, item(3, 4));
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, idOf(take(q)));
        }
    }

    @Test
    void severalProducersAndConsumersLoseAndDuplicateNothing() throws Exception {
        QueueCore q = QueueCore.create(mp.owner(), 64); // bounded: producers also wait for room
        int producers = 4;
        int each = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(producers + 2);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p * each;
                puts.add(pool.submit(() -> {
                    Random random = new Random(first);
                    for (int i = first; i < first + each; i++) {
                        // mostly small, some across the ring, a few spilled
                        int length = i % 997 == 0 ? Ring.MAX_INLINE + 10 : i % 50 == 0 ? 20_000 : random.nextInt(600);
                        put(q, item(i, length));
                    }
                }));
            }
            List<Future<BitSet>> takes = new ArrayList<>();
            int total = producers * each;
            for (int c = 0; c < 2; c++) {
                takes.add(pool.submit(() -> {
                    BitSet seen = new BitSet();
                    for (byte[] b; (b = take(q)).length != 1 || b[0] != 0; ) {
                        int id = idOf(b);
                        assertTrue(!seen.get(id), "duplicate " + id);
                        seen.set(id);
                    }
                    return seen;
                }));
            }
            for (Future<?> f : puts) {
                f.get(60, TimeUnit.SECONDS);
            }
            put(q, new byte[1]); // one stop marker per consumer
            put(q, new byte[1]);
            BitSet all = new BitSet();
            int count = 0;
            for (Future<BitSet> f : takes) {
                BitSet seen = f.get(60, TimeUnit.SECONDS);
                count += seen.cardinality();
                all.or(seen);
            }
            assertEquals(total, count, "no item duplicated across consumers");
            assertEquals(total, all.cardinality(), "no item lost");
            assertEquals(total, all.nextClearBit(0));
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheContextLeavesNoRingOrSpill() throws IOException {
        PosixContext other = new PosixContext(ContextOptions.DEFAULTS);
        QueueCore q = QueueCore.create(other.owner(), 0);
        for (int i = 0; i < 40; i++) {
            put(q, item(i, 4000)); // grows the ring several times
        }
        put(q, item(40, Ring.MAX_INLINE + 1)); // a spill nobody took
        assertTrue(q.ringCapacity() > Ring.INITIAL_CAPACITY);
        assertEquals(1, shmNames(q.name() + "-r").size(), "an outgrown ring is unlinked when replaced");
        assertEquals(1, shmNames(q.name() + "-s").size());
        other.close();
        assertEquals(List.of(), shmNames(q.name() + "-"), "no ring or spill left");
        assertEquals(List.of(), shmNames(q.name()).stream().filter(n -> n.equals(q.name().substring(1))).toList(),
                "no header left");
    }

    /** Names in /dev/shm starting with {@code prefix} (a queue name is {@code /mp4j-...}). */
    private static List<String> shmNames(String prefix) throws IOException {
        String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(p)).toList();
        }
    }
}
