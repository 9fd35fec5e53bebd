package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A barrier in shared memory with Python's semantics: the last of {@code parties} arrivals runs
 * the action and releases a generation; a timeout, an interrupt, an action that throws,
 * {@link #abort()} or a {@link #reset()} with waiters breaks it for every waiter.
 *
 * <pre>
 *  base +0          +32          +36               +40           +44               +48
 *       | ShmLock   | count (int)| generation (int)| broken (int)| broken gen + 1  | seq (int) | 64 bytes
 * </pre>
 *
 * <p>Waiters of generation g leave when {@code generation != g} (released) or when
 * {@code broken gen + 1 == g + 1} (their generation was broken, by a break or by a reset that
 * found them waiting).
 */
public final class ShmBarrier implements SharedBarrier {
    /** Bytes a barrier occupies. */
    public static final long SIZE = 64;
    private static final long COUNT = 32;
    private static final long GENERATION = 36;
    private static final long BROKEN = 40;
    private static final long BROKEN_GEN = 44;
    private static final long SEQ = 48;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;
    private final int parties;
    private final SerializableRunnable action;
    private final Duration defaultTimeout;
    private final ShmLock lock;

    /**
     * @param region the memory (zeroed at {@code base} for a new barrier)
     * @param base where it starts (8-byte aligned)
     * @param parties how many must arrive, at least 1
     * @param action run by the last arrival before the others are released, or null
     * @param defaultTimeout the timeout of {@link #await()}, or null for none
     */
    public ShmBarrier(ShmRegion region, long base, int parties, SerializableRunnable action, Duration defaultTimeout) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
        this.parties = Checks.positive("barrier parties", parties);
        this.action = action;
        this.defaultTimeout = defaultTimeout;
        this.lock = new ShmLock(region, base, null);
    }

    @Override
    public int await() {
        return awaitNanos(defaultTimeout == null ? Long.MAX_VALUE : Checks.timeoutNanos(defaultTimeout));
    }

    @Override
    public int await(Duration timeout) {
        return awaitNanos(Checks.timeoutNanos(timeout));
    }

    private int awaitNanos(long nanos) {
        MemorySegment s = region.segment();
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        lock.acquire();
        int gen;
        int index;
        try {
            if (Words.getInt(s, base + BROKEN) == 1) {
                throw new BarrierBrokenException("the barrier is broken");
            }
            gen = Words.getInt(s, base + GENERATION);
            int arrived = Words.getInt(s, base + COUNT) + 1;
            Words.setInt(s, base + COUNT, arrived);
            index = parties - arrived;
            if (index == 0) {
                if (action != null) {
                    try {
                        action.run();
                    } catch (Exception | Error e) {
                        breakLocked(s, gen);
                        throw new BarrierBrokenException("the barrier action failed: " + e, e);
                    }
                }
                Words.setInt(s, base + COUNT, 0);
                Words.setInt(s, base + GENERATION, gen + 1);
                bump(s);
                return 0;
            }
        } finally {
            lock.release();
        }
        try {
            while (true) {
                int seq = Words.getInt(s, base + SEQ);
                if (Words.getInt(s, base + BROKEN_GEN) == gen + 1) {
                    throw new BarrierBrokenException("the barrier was broken while waiting");
                }
                if (Words.getInt(s, base + GENERATION) != gen) {
                    return index;
                }
                if (deadline - System.nanoTime() <= 0) {
                    breakGeneration(s, gen);
                    throw new BarrierBrokenException("the barrier timed out and is now broken");
                }
                region.waitStrategy().await(s, base + SEQ, seq, deadline);
            }
        } catch (ProcessInterruptedException e) {
            breakGeneration(s, gen);
            throw e;
        }
    }

    private void breakGeneration(MemorySegment s, int gen) {
        boolean interrupted = Thread.interrupted();
        lock.acquire();
        try {
            if (Words.getInt(s, base + GENERATION) == gen) {
                breakLocked(s, gen);
            }
        } finally {
            lock.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void breakLocked(MemorySegment s, int gen) {
        Words.setInt(s, base + BROKEN, 1);
        Words.setInt(s, base + BROKEN_GEN, gen + 1);
        Words.setInt(s, base + COUNT, 0);
        bump(s);
    }

    private void bump(MemorySegment s) {
        Words.getAndAddInt(s, base + SEQ, 1);
        region.waitStrategy().wakeAll(s, base + SEQ);
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int waiting() {
        MemorySegment s = region.segment();
        return Words.getInt(s, base + BROKEN) == 1 ? 0 : Words.getInt(s, base + COUNT);
    }

    @Override
    public void reset() {
        MemorySegment s = region.segment();
        lock.acquire();
        try {
            int gen = Words.getInt(s, base + GENERATION);
            if (Words.getInt(s, base + COUNT) > 0) {
                Words.setInt(s, base + BROKEN_GEN, gen + 1);
            }
            Words.setInt(s, base + COUNT, 0);
            Words.setInt(s, base + BROKEN, 0);
            Words.setInt(s, base + GENERATION, gen + 1);
            bump(s);
        } finally {
            lock.release();
        }
    }

    @Override
    public void abort() {
        MemorySegment s = region.segment();
        lock.acquire();
        try {
            breakLocked(s, Words.getInt(s, base + GENERATION));
        } finally {
            lock.release();
        }
    }

    @Override
    public boolean isBroken() {
        return Words.getInt(region.segment(), base + BROKEN) == 1;
    }

    @Override
    public String toString() {
        return "SharedBarrier[parties=" + parties + ", waiting=" + waiting() + (isBroken() ? ", broken]" : "]");
    }
}
