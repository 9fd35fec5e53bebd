package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A condition variable in shared memory over a {@link ShmLock} or {@link ShmRLock}.
 *
 * <pre>
 *  base +0             +4            +8
 *       | waiters (int)| tokens (int)| seq (int) | 16 bytes
 * </pre>
 *
 * <p>A waiter counts itself in {@code waiters} (under the lock), releases the lock, and waits for
 * a token: {@code signal()} adds one token if there are fewer tokens than waiters,
 * {@code signalAll()} makes one per waiter, and a waiter takes one with a compare-and-set. A waiter
 * that leaves (signalled, timed out or interrupted) retakes the lock, uncounts itself and caps the
 * tokens at the waiters left, so a token meant for a waiter that timed out is not kept for a later
 * one.
 */
public final class ShmCondition implements SharedCondition {
    /** Bytes a condition occupies. */
    public static final long SIZE = 16;
    private static final long WAITERS = 0;
    private static final long TOKENS = 4;
    private static final long SEQ = 8;
    @Serial
    private static final long serialVersionUID = 1L;

    private final SharedMutex lock;
    private final ShmRegion region;
    private final long base;

    /**
     * @param lock a {@link ShmLock} or {@link ShmRLock}
     * @param region the memory (zeroed at {@code base})
     * @param base where the condition starts (4-byte aligned)
     * @throws IllegalArgumentException if the lock is of another kind
     */
    public ShmCondition(SharedMutex lock, ShmRegion region, long base) {
        if (!(lock instanceof ShmLock) && !(lock instanceof ShmRLock)) {
            throw new IllegalArgumentException("a shared-memory condition needs a shared-memory lock, not "
                    + lock.getClass().getName());
        }
        this.lock = lock;
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
    }

    @Override
    public SharedMutex lock() {
        return lock;
    }

    @Override
    public void await() {
        awaitNanosInternal(Long.MAX_VALUE);
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitNanosInternal(Checks.timeoutNanos(timeout));
    }

    private boolean awaitNanosInternal(long nanos) {
        MutexOps.checkHeld(lock, "wait");
        MemorySegment s = region.segment();
        Words.getAndAddInt(s, base + WAITERS, 1);
        int saved = MutexOps.releaseFully(lock);
        boolean signalled = false;
        try {
            long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
            while (true) {
                int seq = Words.getInt(s, base + SEQ);
                int t = Words.getInt(s, base + TOKENS);
                if (t > 0) {
                    if (Words.casInt(s, base + TOKENS, t, t - 1)) {
                        signalled = true;
                        break;
                    }
                    continue;
                }
                if (deadline - System.nanoTime() <= 0) {
                    break;
                }
                region.waitStrategy().await(s, base + SEQ, seq, deadline);
            }
        } finally {
            MutexOps.reacquire(lock, saved);
            int w = Words.getAndAddInt(s, base + WAITERS, -1) - 1;
            for (int t; (t = Words.getInt(s, base + TOKENS)) > w; ) {
                Words.casInt(s, base + TOKENS, t, w);
            }
        }
        return signalled;
    }

    @Override
    public void signal() {
        MutexOps.checkHeld(lock, "signal");
        MemorySegment s = region.segment();
        int w = Words.getInt(s, base + WAITERS);
        for (int t; (t = Words.getInt(s, base + TOKENS)) < w; ) {
            if (Words.casInt(s, base + TOKENS, t, t + 1)) {
                break;
            }
        }
        bump(s);
    }

    @Override
    public void signalAll() {
        MutexOps.checkHeld(lock, "signal");
        MemorySegment s = region.segment();
        int w = Words.getInt(s, base + WAITERS);
        for (int t; (t = Words.getInt(s, base + TOKENS)) < w; ) {
            if (Words.casInt(s, base + TOKENS, t, w)) {
                break;
            }
        }
        bump(s);
    }

    private void bump(MemorySegment s) {
        Words.getAndAddInt(s, base + SEQ, 1);
        region.waitStrategy().wakeAll(s, base + SEQ);
    }

    @Override
    public String toString() {
        return "SharedCondition[waiters=" + Words.getInt(region.segment(), base + WAITERS) + "]";
    }
}
