package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A non-reentrant, owner-less lock in shared memory, robust against its holder's death. The
 * uncontended path is one compare-and-set; nobody is asked.
 *
 * <pre>
 *  base +0                +8          +12         +16
 *       | holder pid (long)| seq (int) | died (int)| ... 32 bytes reserved
 *         0 = free          bumped at   1 from a recovery
 *                           each release until the next release
 * </pre>
 *
 * <p>Robustness: a waiter checks every {@value #OWNER_CHECK_NANOS} ns whether the holder's pid
 * still runs ({@link ProcessHandle#of}); if not, it takes the lock over with a compare-and-set from
 * the dead pid to its own, so exactly one waiter recovers it, sets {@code died} and logs a warning
 * naming the dead pid. (A reused pid looks alive: the lock then waits for that process.)
 */
public final class ShmLock implements SharedLock {
    /** Bytes this lock occupies. */
    public static final long SIZE = 32;
    static final long OWNER = 0;
    static final long SEQ = 8;
    static final long DIED = 12;
    static final long OWNER_CHECK_NANOS = 10_000_000;
    static final long PID = ProcessHandle.current().pid();
    private static final System.Logger LOG = System.getLogger(ShmLock.class.getName());
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
    public ShmLock(ShmRegion region, long base, ShmAllocator allocator) {
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

    boolean acquireNanos(long nanos) {
        MemorySegment s = region.segment();
        long start = System.nanoTime();
        long deadline = start + Math.min(nanos, Long.MAX_VALUE / 4);
        long nextCheck = start;
        while (true) {
            int seq = Words.getInt(s, base + SEQ);
            long owner = Words.getLong(s, base + OWNER);
            if (owner == 0) {
                if (Words.casLong(s, base + OWNER, 0, PID)) {
                    return true;
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                if (!alive(owner) && Words.casLong(s, base + OWNER, owner, PID)) {
                    Words.setInt(s, base + DIED, 1);
                    LOG.log(Level.WARNING, "lock recovered: its holder, process " + owner
                            + ", died while holding it; the data it guards may be inconsistent");
                    return true;
                }
                nextCheck = now + OWNER_CHECK_NANOS;
            }
            if (deadline - now <= 0) {
                return false;
            }
            region.waitStrategy().await(s, base + SEQ, seq, Math.min(deadline, nextCheck));
        }
    }

    static boolean alive(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void release() {
        MemorySegment s = region.segment();
        while (true) {
            long owner = Words.getLong(s, base + OWNER);
            if (owner == 0) {
                throw new IllegalStateException("release of an unlocked lock");
            }
            if (Words.getInt(s, base + DIED) != 0) {
                Words.setInt(s, base + DIED, 0); // a volatile store is a full fence: skip it when already 0
            }
            if (Words.casLong(s, base + OWNER, owner, 0)) {
                break;
            }
        }
        Words.getAndAddInt(s, base + SEQ, 1);
        region.waitStrategy().wakeAll(s, base + SEQ);
    }

    @Override
    public boolean ownerDied() {
        MemorySegment s = region.segment();
        return Words.getLong(s, base + OWNER) != 0 && Words.getInt(s, base + DIED) == 1;
    }

    @Override
    public boolean isLocked() {
        return Words.getLong(region.segment(), base + OWNER) != 0;
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
        return "SharedLock[" + (owner == 0 ? "unlocked" : "locked by pid " + owner) + "]";
    }
}
