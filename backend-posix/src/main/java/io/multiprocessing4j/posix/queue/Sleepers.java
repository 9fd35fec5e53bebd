package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.posix.sync.Waiting;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.foreign.MemorySegment;

/**
 * The processes of one side of a queue (consumers waiting for an item, or producers waiting for
 * room) that sleep on a futex word, and how the other side wakes them without a system call per
 * item. Twelve bytes of the queue's header:
 *
 * <pre>
 *   off+0: long sleep   sleepers &lt;&lt; 33 | KNOWN (bit 32) | seen: how many sleep; when exactly one
 *                       announced itself alone (KNOWN), the futex word's value it sleeps on
 *   off+8: int  woke    the futex word's value after the latest commit whose waker woke the sleeper
 * </pre>
 *
 * <p><b>Why not wake after every item.</b> Profiled on queue_throughput int: the consumer drains the
 * queue, sleeps, and is scheduled again only ~50 µs after it is woken; meanwhile the producer made a
 * {@code FUTEX_WAKE} call after every put (632 000 calls a second, ~60 per sleep, perf stat), each
 * costing more than the put itself. A lone sleeper that slept on value {@code seen} needs one wake
 * for a change after {@code seen}; a waker that committed value {@code c} and called
 * {@code FUTEX_WAKE} after its store has woken every sleeper whose {@code seen} differs from
 * {@code c} and precedes it: such a sleeper either checked the word before the store, so the
 * kernel had queued it before the wake, or after, and then did not sleep. So while one known
 * sleeper sleeps and {@code woke} is past its {@code seen}, later wakers skip the call. With two or
 * more sleepers, or after one of several left (the remaining one's value is then unknown), every
 * item wakes one, as before. Announcing resets {@code woke} to {@code seen}, so a value left from long
 * ago (counts wrap at 2<sup>32</sup>) never hides a sleeper. A waker killed between its claim and its
 * wake costs the sleeper one {@link Waiting#SLICE_MILLIS} ms slice, as everywhere else.
 */
final class Sleepers {
    /** Bytes a sleepers block takes (8-aligned). */
    static final long SIZE = 12;
    private static final long WOKE = 8;
    private static final long KNOWN = 1L << 32;
    private static final long ONE = 1L << 33;
    /**
     * Spin rounds before sleeping (0 on one CPU, where spinning only delays the process waited for).
     * A few microseconds of {@link Thread#onSpinWait()}: longer than a put or take on the other CPU
     * (well under a microsecond), so a busy queue is never slept on, and short, because this
     * machine's 2 CPUs are shared and a long spin steals the very CPU the other side needs.
     */
    static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;

    private Sleepers() {
    }

    /**
     * Waits while the int at {@code word} holds {@code seen}, the value read under the lock when the
     * queue was found empty (or full): spins first, then announces itself and sleeps in slices. The
     * announcement comes after the spin: while anyone is announced, the other side may make a
     * wake-up call per item, and a spinning process sees the change by itself.
     *
     * @return false if the deadline passed first
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while sleeping
     */
    static boolean await(MemorySegment h, long off, long word, int seen, long deadline) {
        for (int i = 0; i < SPINS; i++) {
            if (Words.getInt(h, word) != seen) {
                return true;
            }
            Thread.onSpinWait();
        }
        announce(h, off, seen);
        try {
            // The announcement is a CAS (a full fence) and a waker stores the word (volatile) before
            // it reads the block, so either it sees us announced, or we see its change here.
            while (Words.getInt(h, word) == seen) {
                if (!Waiting.sleep(h, word, seen, deadline, "queue")) {
                    return false;
                }
            }
            return true;
        } finally {
            leave(h, off);
        }
    }

    /**
     * Wakes a sleeper after the int at {@code word} became {@code committed}, unless one wake since
     * the lone sleeper's value already did (see the class comment). Call after the volatile store.
     */
    static void wake(MemorySegment h, long off, long word, int committed) {
        long v = Words.getLong(h, off);
        if (v == 0) {
            return; // nobody sleeps: the common case, one read
        }
        if ((v & ~(KNOWN | 0xFFFF_FFFFL)) == ONE && (v & KNOWN) != 0) {
            int seen = (int) v;
            if (Words.getInt(h, off + WOKE) - seen > 0) {
                return;
            }
            Words.setInt(h, off + WOKE, committed);
        }
        Waiting.wakeOne(h, word);
    }

    private static void announce(MemorySegment h, long off, int seen) {
        Words.setInt(h, off + WOKE, seen); // nothing after seen has woken us yet
        while (true) {
            long v = Words.getLong(h, off);
            long n = v >>> 33;
            long next = n == 0 ? ONE | KNOWN | Integer.toUnsignedLong(seen) : (n + 1) << 33;
            if (Words.casLong(h, off, v, next)) {
                return;
            }
        }
    }

    private static void leave(MemorySegment h, long off) {
        while (true) {
            long v = Words.getLong(h, off);
            if (Words.casLong(h, off, v, ((v >>> 33) - 1) << 33)) { // the rest unknown, 0 when none
                return;
            }
        }
    }
}
