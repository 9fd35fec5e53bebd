package io.multiprocessing4j.posix.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.posix.context.PosixContext;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waking sleepers once per sleep rather than once per item, without ever missing one. */
class SleepersTest {
    private static final long BLOCK = 0;
    private static final long WORD = 16;
    /** Own threads: the common pool has one thread on 2 CPUs, and these block. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    }

    /** Spins (bounded) until the block says {@code n} sleep. */
    private static void awaitSleepers(MemorySegment s, long n) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Words.getLong(s, BLOCK) >>> 33 != n) {
            assertTrue(System.nanoTime() < end, "sleepers announced in time");
            Thread.onSpinWait();
        }
    }

    @Test
    void aLoneSleeperIsWokenAndLaterWakersSkipUntilItRuns() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = arena.allocate(64, 8);
            CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> Sleepers.await(s, BLOCK, WORD, 0, deadline()), threads);
            awaitSleepers(s, 1);
            Words.setInt(s, WORD, 1);
            Sleepers.wake(s, BLOCK, WORD, 1);
            assertEquals(1, Words.getInt(s, BLOCK + 8), "the waker recorded the value it woke for");
            Words.setInt(s, WORD, 2);
            Sleepers.wake(s, BLOCK, WORD, 2); // skipped: the sleeper was already woken for 1
            assertEquals(1, Words.getInt(s, BLOCK + 8));
            assertTrue(sleeper.get(30, TimeUnit.SECONDS));
            assertEquals(0, Words.getLong(s, BLOCK), "left");
        }
    }

    @Test
    void aNewSleeperIsWokenWhateverAnEarlierWakeRecorded() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = arena.allocate(64, 8);
            Words.setInt(s, WORD, 5);
            Words.setInt(s, BLOCK + 8, 9); // a wake for value 9 recorded long ago (or after a wrap)
            CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> Sleepers.await(s, BLOCK, WORD, 5, deadline()), threads);
            awaitSleepers(s, 1);
            assertEquals(5, Words.getInt(s, BLOCK + 8), "announcing reset the recorded wake to its own value");
            Words.setInt(s, WORD, 6);
            Sleepers.wake(s, BLOCK, WORD, 6);
            assertTrue(sleeper.get(30, TimeUnit.SECONDS), "woken, not left to its 100 ms slices");
        }
    }

    @Test
    void twoSleepersAreEachWoken() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = arena.allocate(64, 8);
            CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> Sleepers.await(s, BLOCK, WORD, 0, deadline()), threads);
            CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> Sleepers.await(s, BLOCK, WORD, 0, deadline()), threads);
            awaitSleepers(s, 2);
            assertEquals(0, Words.getLong(s, BLOCK) & (1L << 32), "two sleepers: the value is not known");
            Words.setInt(s, WORD, 1);
            Sleepers.wake(s, BLOCK, WORD, 1);
            Sleepers.wake(s, BLOCK, WORD, 1);
            assertTrue(a.get(30, TimeUnit.SECONDS));
            assertTrue(b.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPassedDeadlineEndsTheWait() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = arena.allocate(64, 8);
            assertFalse(Sleepers.await(s, BLOCK, WORD, 0, System.nanoTime()));
            assertEquals(0, Words.getLong(s, BLOCK));
        }
    }

    @Test
    void pingPongThroughTwoQueuesNeverWaitsForASlice() {
        // Each hand-off makes the other side sleep; a missed wake-up would cost a 100 ms slice,
        // so 300 round trips that miss systematically would take 30 s or more.
        PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);
        try {
            QueueCore ping = QueueCore.create(mp.owner(), 0);
            QueueCore pong = QueueCore.create(mp.owner(), 0);
            int rounds = 300;
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < rounds; i++) {
                    Ring.Item item = ping.take(deadline());
                    assertTrue(pong.put(item.kind(), item.bytes(), deadline()));
                }
            }, threads);
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                assertTrue(ping.put(ItemCodec.BYTES, new byte[] {(byte) i}, deadline()));
                assertEquals((byte) i, pong.take(deadline()).bytes()[0]);
            }
            echo.join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 15_000, "300 round trips took " + millis + " ms");
        } finally {
            mp.close();
        }
    }
}
