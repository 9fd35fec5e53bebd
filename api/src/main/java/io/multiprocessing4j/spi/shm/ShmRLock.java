package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A reentrant lock in shared memory owned by one thread of one process, robust against the owning
 * process's death as {@link ShmLock} is.
 *
 * <pre>
 *  base +0               +8                +16          +20         +24
 *       | owner pid (long)| owner thread id | count (int)| seq (int) | died (int) | 32 bytes
 *         0 = free        (long)
 * </pre>
 *
 * <p>The owner thread id is written after the pid is won and cleared before the pid is freed,
 * so a thread sees its own id there only while it holds the lock.
 */
public final class ShmRLock implements SharedRLock {
    /** Bytes this lock occupies. */
    public static final long SIZE = 32;
    private static final long OWNER = 0;
    private static final long THREAD = 8;
    private static final long COUNT = 16;
    private static final long SEQ = 20;
    private static final long DIED = 24;
    private static final System.Logger LOG = System.getLogger(ShmRLock.class.getName());
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;
    private final ShmAllocator allocator;

    /**
     * @param region the memory (zeroed at {@code base} for a new lock)
     * @param base where the lock starts (8-byte aligned)
     * @param allocator where {@link #newCondition()} gets its memory
     */
    public ShmRLock(ShmRegion region, long base, ShmAllocator allocator) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
        this.allocator = allocator;
    }

    @Override
    public void acquire() {
        acquireNanos(Long.MAX_VALUE);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return acquireNanos(Checks.timeoutNanos(timeout));
    }

    private boolean acquireNanos(long nanos) {
        MemorySegment s = region.segment();
        long tid = Thread.currentThread().threadId();
        if (isHeldByCurrentThread()) {
            Words.setInt(s, base + COUNT, Words.getInt(s, base + COUNT) + 1);
            return true;
        }
        long start = System.nanoTime();
        long deadline = start + Math.min(nanos, Long.MAX_VALUE / 4);
        long nextCheck = start;
        while (true) {
            int seq = Words.getInt(s, base + SEQ);
            long owner = Words.getLong(s, base + OWNER);
            if (owner == 0) {
                if (Words.casLong(s, base + OWNER, 0, ShmLock.PID)) {
                    take(s, tid);
                    return true;
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                if (!ShmLock.alive(owner) && Words.casLong(s, base + OWNER, owner, ShmLock.PID)) {
                    take(s, tid);
                    Words.setInt(s, base + DIED, 1);
                    LOG.log(Level.WARNING, "rlock recovered: its owner, process " + owner
                            + ", died while holding it; the data it guards may be inconsistent");
                    return true;
                }
                nextCheck = now + ShmLock.OWNER_CHECK_NANOS;
            }
            if (deadline - now <= 0) {
                return false;
            }
            region.waitStrategy().await(s, base + SEQ, seq, Math.min(deadline, nextCheck));
        }
    }

    private void take(MemorySegment s, long tid) {
        Words.setLong(s, base + THREAD, tid);
        Words.setInt(s, base + COUNT, 1);
    }

    @Override
    public void release() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot release an rlock this thread does not own");
        }
        MemorySegment s = region.segment();
        int count = Words.getInt(s, base + COUNT) - 1;
        Words.setInt(s, base + COUNT, count);
        if (count == 0) {
            Words.setInt(s, base + DIED, 0);
            Words.setLong(s, base + THREAD, 0);
            Words.setLong(s, base + OWNER, 0);
            Words.getAndAddInt(s, base + SEQ, 1);
            region.waitStrategy().wakeAll(s, base + SEQ);
        }
    }

    /**
     * Releases every hold of the calling thread, for a condition wait.
     *
     * @return the hold count to restore
     */
    int releaseFully() {
        MemorySegment s = region.segment();
        int count = Words.getInt(s, base + COUNT);
        Words.setInt(s, base + COUNT, 1);
        release();
        return count;
    }

    /** @param count the hold count {@link #releaseFully()} returned */
    void restore(int count) {
        acquire();
        Words.setInt(region.segment(), base + COUNT, count);
    }

    @Override
    public boolean ownerDied() {
        return isHeldByCurrentThread() && Words.getInt(region.segment(), base + DIED) == 1;
    }

    @Override
    public int holdCount() {
        return isHeldByCurrentThread() ? Words.getInt(region.segment(), base + COUNT) : 0;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        MemorySegment s = region.segment();
        return Words.getLong(s, base + OWNER) == ShmLock.PID
                && Words.getLong(s, base + THREAD) == Thread.currentThread().threadId();
    }

    @Override
    public SharedCondition newCondition() {
        if (allocator == null) {
            throw new UnsupportedOperationException("this lock has no allocator for conditions");
        }
        return new ShmCondition(this, allocator.allocate(ShmCondition.SIZE), 0);
    }

    @Override
    public String toString() {
        long owner = Words.getLong(region.segment(), base + OWNER);
        return "SharedRLock[" + (owner == 0 ? "unlocked" : "owned by pid " + owner) + "]";
    }
}
