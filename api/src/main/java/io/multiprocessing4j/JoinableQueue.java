package io.multiprocessing4j;

import java.time.Duration;

/**
 * A {@link SharedQueue} that counts unfinished tasks: every {@code put} adds one, every
 * {@link #taskDone()} removes one, and {@link #join()} waits for zero. Python's
 * {@code multiprocessing.JoinableQueue}.
 *
 * @param <E> the item type
 */
public interface JoinableQueue<E> extends SharedQueue<E> {
    /**
     * Marks one item taken from the queue as processed.
     *
     * @throws IllegalStateException if called more times than items were put (Python's
     *     {@code ValueError: task_done() called too many times})
     */
    void taskDone();

    /**
     * Waits until every item put has been marked done.
     *
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void join();

    /**
     * Waits at most {@code timeout} until every item put has been marked done.
     *
     * @param timeout the longest wait
     * @return whether the count reached zero in time
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean join(Duration timeout);
}
