package io.multiprocessing4j.spi.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How deep a worker's queue may be, from its recent service time. */
class PrefetchTest {
    private static final long US = 1_000;

    /** Feeds {@code n} answers {@code each} nanoseconds apart to a worker that stays busy. */
    private static long busy(Prefetch p, long now, int n, long each) {
        for (int i = 0; i < n; i++) {
            now += each;
            p.answered(true, now);
        }
        return now;
    }

    @Test
    void beforeAnyAnswerAWorkerHoldsTwo() {
        Prefetch p = new Prefetch();
        assertEquals(Prefetch.DEPTH, p.depth(10));
        assertEquals(0, p.serviceNanos());
    }

    @Test
    void quickSmallTasksQueueDeeperUpToTheLimit() {
        Prefetch p = new Prefetch();
        p.sent(true, 1_000_000);
        busy(p, 1_000_000, 20, 5 * US);
        assertEquals(5 * US, p.serviceNanos());
        assertEquals(Prefetch.MAX_DEPTH, p.depth(10), "200 us of 5 us tasks is more than the limit");
        Prefetch q = new Prefetch();
        q.sent(true, 1_000_000);
        busy(q, 1_000_000, 20, 40 * US);
        assertEquals(Prefetch.DEPTH + 5, q.depth(10), "about 200 us of 40 us tasks");
    }

    @Test
    void largeChunksNeverQueueDeeplyAndHugeOnesOnlyGoToIdleWorkers() {
        Prefetch p = new Prefetch();
        p.sent(true, 1_000_000);
        busy(p, 1_000_000, 20, US);
        assertEquals(Prefetch.DEPTH, p.depth(Prefetch.SMALL_BYTES + 1));
        assertEquals(1, p.depth(Prefetch.PREFETCH_BYTES + 1));
    }

    @Test
    void oneLongTaskMakesTheQueueShallowAtOnce() {
        Prefetch p = new Prefetch();
        p.sent(true, 1_000_000);
        long now = busy(p, 1_000_000, 20, 5 * US);
        assertEquals(Prefetch.MAX_DEPTH, p.depth(10));
        p.answered(false, now + 1_000_000_000L); // one task of a second
        assertEquals(Prefetch.DEPTH, p.depth(10));
        assertTrue(p.serviceNanos() > 200 * US);
    }

    @Test
    void anIdleGapIsNotCountedAsServiceTime() {
        Prefetch p = new Prefetch();
        p.sent(true, 0 + 1);
        p.answered(false, 1 + 5 * US); // idle afterwards
        p.sent(true, 10_000_000_000L); // ten seconds later
        p.answered(false, 10_000_000_000L + 5 * US);
        assertEquals(5 * US, p.serviceNanos(), "the ten idle seconds did not count");
    }

    @Test
    void aDeepWorkerIsToppedUpOnlyOnceHalfEmptyAShallowOneWheneverThereIsRoom() {
        assertTrue(Prefetch.wantsMore(8, 16));
        assertTrue(!Prefetch.wantsMore(9, 16), "still holds over half its depth: wait and send several at once");
        assertTrue(Prefetch.wantsMore(1, 2));
        assertTrue(Prefetch.wantsMore(0, 1));
    }
}
