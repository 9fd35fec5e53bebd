package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.ProcessInterruptedException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting without a kernel primitive (pure Java has no cross-process futex): poll the word with a
 * growing back-off, and waking is a no-op.
 *
 * <p>Phases: {@value #SPINS} polls with {@link Thread#onSpinWait()} (about a microsecond: catches
 * the hand-offs of a busy lock, whose holder is running on the other core), then {@value #YIELDS}
 * {@link Thread#yield()}s (lets a holder that shares our core run), then
 * {@link LockSupport#parkNanos} from {@value #FIRST_PARK_NANOS} ns doubling to a cap of
 * {@value #MAX_PARK_NANOS} ns. The trade-off: a wake-up is noticed within about a microsecond while
 * spinning, and within the current park (at most 1 ms) later on; a long wait costs about a thousand
 * short wake-ups a second, a fraction of a percent of one core, instead of a whole core.
 */
public final class BackoffWaitStrategy implements WaitStrategy {
    /** The shared instance (it has no state). */
    public static final BackoffWaitStrategy INSTANCE = new BackoffWaitStrategy();
    private static final int SPINS = 200;
    private static final int YIELDS = 20;
    private static final long FIRST_PARK_NANOS = 10_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private BackoffWaitStrategy() {
    }

    @Override
    public void await(MemorySegment segment, long offset, int seen, long deadlineNanos) {
        long park = FIRST_PARK_NANOS;
        for (int i = 0; ; i++) {
            if (Words.getInt(segment, offset) != seen) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
            } else if (i < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(Math.min(park, left));
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ProcessInterruptedException("interrupted while waiting");
            }
        }
    }

    @Override
    public void wakeAll(MemorySegment segment, long offset) {
        // pollers see the change by themselves
    }
}
