package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.ProcessInterruptedException;
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
 *  base +0                                        +4
 *       | state (int): tokens << 16 | waiters      | unused | 16 bytes
 * </pre>
 *
 * <p>A waiter counts itself in {@code waiters} (under the lock), releases the lock, and waits for
 * a token: {@code signal()} adds one token if there are fewer tokens than waiters,
 * {@code signalAll()} makes one per waiter, and a waiter takes one (and uncounts itself) with one
 * compare-and-set. A waiter that leaves without one (timed out or interrupted) uncounts itself and
 * caps the tokens at the waiters left, in one compare-and-set too, before it takes the lock back.
 *
 * <p>As Python's {@code notify()}, a signaller keeps the lock until its tokens are taken (or
 * withdrawn by leaving waiters): a token only ever goes to a thread that was waiting when it was
 * made. Otherwise a thread that waits just after signalling (a ping-pong's signaller itself) could
 * take its own token and leave the partner it signalled waiting. A counted waiter whose process was
 * killed takes no token; the signaller gives up after {@value #DRAIN_MILLIS} ms rather than hang.
 */
public final class ShmCondition implements SharedCondition {
    /** Bytes a condition occupies. */
    public static final long SIZE = 16;
    private static final long STATE = 0;
    private static final int WAITERS = 0xFFFF;
    private static final int TOKEN = 1 << 16;
    private static final long DRAIN_MILLIS = 5_000;
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
        while (true) {
            int v = Words.getInt(s, base + STATE);
            if ((v & WAITERS) == WAITERS) {
                throw new IllegalStateException("a shared condition takes at most " + (WAITERS - 1) + " waiters");
            }
            if (Words.casInt(s, base + STATE, v, v + 1)) {
                break;
            }
        }
        int saved = MutexOps.releaseFully(lock);
        boolean left = false;
        boolean signalled = false;
        try {
            long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
            while (!left) {
                int v = Words.getInt(s, base + STATE);
                if (v >>> 16 > 0) {
                    left = signalled = Words.casInt(s, base + STATE, v, v - TOKEN - 1);
                } else if (deadline - System.nanoTime() <= 0) {
                    left = Words.casInt(s, base + STATE, v, v - 1);
                } else {
                    region.waitStrategy().await(s, base + STATE, v, deadline);
                }
            }
        } finally {
            if (!left) {
                leave(s);
            }
            region.waitStrategy().wakeAll(s, base + STATE);
            MutexOps.reacquire(lock, saved);
        }
        return signalled;
    }

    /** Uncounts a waiter that takes no token, and withdraws the tokens no waiter is left for. */
    private void leave(MemorySegment s) {
        for (int v; ; ) {
            v = Words.getInt(s, base + STATE);
            int w = (v & WAITERS) - 1;
            if (Words.casInt(s, base + STATE, v, Math.min(v >>> 16, w) << 16 | w)) {
                return;
            }
        }
    }

    @Override
    public void signal() {
        MutexOps.checkHeld(lock, "signal");
        give(false);
    }

    @Override
    public void signalAll() {
        MutexOps.checkHeld(lock, "signal");
        give(true);
    }

    /** Makes one token (or one per waiter), then waits, holding the lock, until they are taken. */
    private void give(boolean all) {
        MemorySegment s = region.segment();
        while (true) {
            int v = Words.getInt(s, base + STATE);
            int w = v & WAITERS;
            int t = v >>> 16;
            if (t >= w) {
                break;
            }
            if (Words.casInt(s, base + STATE, v, (all ? w : t + 1) << 16 | w)) {
                region.waitStrategy().wakeAll(s, base + STATE);
                break;
            }
        }
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        boolean interrupted = Thread.interrupted();
        for (int v; (v = Words.getInt(s, base + STATE)) >>> 16 > 0 && deadline - System.nanoTime() > 0; ) {
            try {
                region.waitStrategy().await(s, base + STATE, v, deadline);
            } catch (ProcessInterruptedException e) {
                // a signal is not a blocking call: the interrupt is kept for the caller's next one
                Thread.interrupted();
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SharedCondition[waiters=" + (Words.getInt(region.segment(), base + STATE) & WAITERS) + "]";
    }
}
