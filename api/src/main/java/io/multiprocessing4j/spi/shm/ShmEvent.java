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
 *  base +0                                  +4
 *       | state (int): generation << 1 | flag | unused | 8 bytes
 * </pre>
 *
 * <p>{@code set()} raises the flag and bumps the generation in one compare-and-set, so that a
 * waiter can never see one without the other: with two words (flag written, then generation bumped)
 * a waiter that returned on the flag could start its next wait before the bump landed, take the
 * late bump for a new {@code set()} and return at once, without one (the forkjvm event ping-pong
 * ran ahead and then stalled).
 *
 * <p>As in Python, a waiter woken by {@code set()} returns true even if {@code clear()} followed at
 * once: it notices that the generation moved.
 */
public final class ShmEvent implements SharedEvent {
    /** Bytes an event occupies. */
    public static final long SIZE = 8;
    private static final long STATE = 0;
    private static final int FLAG = 1;
    private static final int GENERATION = 2;
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
        for (int v; !Words.casInt(s, base + STATE, v = Words.getInt(s, base + STATE), (v + GENERATION) | FLAG); ) {
            Thread.onSpinWait();
        }
        region.waitStrategy().wakeAll(s, base + STATE);
    }

    @Override
    public void clear() {
        MemorySegment s = region.segment();
        for (int v; ((v = Words.getInt(s, base + STATE)) & FLAG) != 0 && !Words.casInt(s, base + STATE, v, v & ~FLAG); ) {
            Thread.onSpinWait();
        }
    }

    @Override
    public boolean isSet() {
        return (Words.getInt(region.segment(), base + STATE) & FLAG) != 0;
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
        int start = Words.getInt(s, base + STATE) >>> 1;
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        while (true) {
            int v = Words.getInt(s, base + STATE);
            if ((v & FLAG) != 0 || v >>> 1 != start) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            // a clear() also changes the word: the strategy returns and we wait again on the new value
            region.waitStrategy().await(s, base + STATE, v, deadline);
        }
    }

    @Override
    public String toString() {
        return "SharedEvent[" + (isSet() ? "set]" : "clear]");
    }
}
