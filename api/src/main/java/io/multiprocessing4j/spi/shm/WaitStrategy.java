package io.multiprocessing4j.spi.shm;

import java.lang.foreign.MemorySegment;

/**
 * How a process waits for a 32-bit word in shared memory to change, and how a writer wakes the
 * waiters. Every primitive of this package bumps such a word (its "sequence") at every state
 * change that may let a waiter proceed, so the strategy is the only thing a backend swaps: pure
 * Java polls with {@link BackoffWaitStrategy}; a native backend can use futexes.
 */
public interface WaitStrategy {
    /**
     * Waits until the int at {@code offset} is no longer {@code seen}, or until the deadline. May
     * return early (callers re-check their condition).
     *
     * @param segment the shared memory
     * @param offset the word's offset (4-byte aligned)
     * @param seen the value seen before deciding to wait
     * @param deadlineNanos a {@link System#nanoTime()} deadline
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    void await(MemorySegment segment, long offset, int seen, long deadlineNanos);

    /**
     * Wakes the waiters on the word at {@code offset}, after the caller changed it.
     *
     * @param segment the shared memory
     * @param offset the word's offset
     */
    void wakeAll(MemorySegment segment, long offset);
}
