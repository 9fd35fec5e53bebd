package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A barrier for a fixed number of parties across processes: Python's
 * {@code multiprocessing.Barrier}. A broken barrier throws {@link BarrierBrokenException} to every
 * waiter and to later callers until {@link #reset()}.
 */
public interface SharedBarrier extends Serializable {
    /**
     * Waits until {@link #parties()} callers wait. Python's {@code wait()}.
     *
     * @return this caller's arrival index: 0 for the first to arrive up to {@code parties() - 1} for
     *     the last, as Python's (not {@code CyclicBarrier}'s, which counts down)
     * @throws BarrierBrokenException if the barrier is or becomes broken
     * @throws ProcessInterruptedException if interrupted while waiting (the barrier breaks)
     */
    int await();

    /**
     * Waits at most {@code timeout}; if it expires the barrier breaks, as in Python.
     *
     * @param timeout the longest wait
     * @return this caller's arrival index
     * @throws BarrierBrokenException if the barrier is or becomes broken, or the timeout expired
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting (the barrier breaks)
     */
    int await(Duration timeout);

    /** @return the number of parties needed to pass */
    int parties();

    /** @return the number of parties waiting now */
    int waiting();

    /** Returns the barrier to its empty, unbroken state; current waiters get {@link BarrierBrokenException}. */
    void reset();

    /** Breaks the barrier: current and later waiters get {@link BarrierBrokenException} until {@link #reset()}. */
    void abort();

    /** @return whether the barrier is broken */
    boolean isBroken();
}
