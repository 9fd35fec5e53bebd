package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * An event in shared memory.
 *
 * <pre>
 *  base +0          +4
 *       | flag (int)| seq (int) | 8 bytes; seq is bumped by set() only
 * </pre>
 *
 * <p>As in Python, a waiter woken by {@code set()} returns true even if {@code clear()} followed at
 * once: it notices that {@code seq} moved.
 */
public final class ShmEvent implements SharedEvent {
    /** Bytes an event occupies. */
    public static final long SIZE = 8;
    private static final long FLAG = 0;
    private static final long SEQ = 4;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;

    /**
     * @param region the memory (zeroed at {@code base} for a new, clear event)
     * @param base where it starts (4-byte aligned)
     */
    public ShmEvent(ShmRegion region, long base) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
    }

    @Override
    public void set() {
        MemorySegment s = region.segment();
        Words.setInt(s, base + FLAG, 1);
        Words.getAndAddInt(s, base + SEQ, 1);
        region.waitStrategy().wakeAll(s, base + SEQ);
    }

    @Override
    public void clear() {
        Words.setInt(region.segment(), base + FLAG, 0);
    }

    @Override
    public boolean isSet() {
        return Words.getInt(region.segment(), base + FLAG) == 1;
    }

    @Override
    public void await() {
        awaitNanos(Long.MAX_VALUE);
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitNanos(Checks.timeoutNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        MemorySegment s = region.segment();
        int start = Words.getInt(s, base + SEQ);
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        while (true) {
            if (Words.getInt(s, base + FLAG) == 1 || Words.getInt(s, base + SEQ) != start) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            region.waitStrategy().await(s, base + SEQ, start, deadline);
        }
    }

    @Override
    public String toString() {
        return "SharedEvent[" + (isSet() ? "set]" : "clear]");
    }
}
