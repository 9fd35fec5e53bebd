package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A counting semaphore in shared memory; bounded ones refuse a release above their initial value.
 *
 * <pre>
 *  base +0           +4         +8
 *       | value (int)| seq (int)| bound (int, -1 = unbounded) | 16 bytes
 * </pre>
 */
public final class ShmSemaphore implements SharedSemaphore {
    /** Bytes a semaphore occupies. */
    public static final long SIZE = 16;
    private static final long VALUE = 0;
    private static final long SEQ = 4;
    private static final long BOUND = 8;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;

    private ShmSemaphore(ShmRegion region, long base) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
    }

    /**
     * Initializes a new semaphore.
     *
     * @param region zeroed memory
     * @param base where it starts (4-byte aligned)
     * @param value the initial permits, not negative
     * @param bounded whether releases above {@code value} are refused
     * @return the semaphore
     */
    public static ShmSemaphore create(ShmRegion region, long base, int value, boolean bounded) {
        MemorySegment s = region.segment();
        Words.setInt(s, base + VALUE, value);
        Words.setInt(s, base + BOUND, bounded ? value : -1);
        return new ShmSemaphore(region, base);
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
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        while (true) {
            int seq = Words.getInt(s, base + SEQ);
            int v = Words.getInt(s, base + VALUE);
            if (v > 0) {
                if (Words.casInt(s, base + VALUE, v, v - 1)) {
                    return true;
                }
                continue;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            region.waitStrategy().await(s, base + SEQ, seq, deadline);
        }
    }

    @Override
    public void release() {
        MemorySegment s = region.segment();
        int bound = Words.getInt(s, base + BOUND);
        while (true) {
            int v = Words.getInt(s, base + VALUE);
            if (bound >= 0 && v >= bound) {
                throw new IllegalStateException("bounded semaphore released too many times (value " + v
                        + " is already its bound " + bound + ")");
            }
            if (Words.casInt(s, base + VALUE, v, v + 1)) {
                break;
            }
        }
        Words.getAndAddInt(s, base + SEQ, 1);
        region.waitStrategy().wakeAll(s, base + SEQ);
    }

    @Override
    public int value() {
        return Words.getInt(region.segment(), base + VALUE);
    }

    @Override
    public boolean bounded() {
        return Words.getInt(region.segment(), base + BOUND) >= 0;
    }

    @Override
    public String toString() {
        return "SharedSemaphore[value=" + value() + (bounded() ? ", bounded]" : "]");
    }
}
