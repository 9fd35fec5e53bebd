package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A flag that processes wait on: Python's {@code multiprocessing.Event}.
 */
public interface SharedEvent extends Serializable {
    /** Sets the flag and wakes every waiter. */
    void set();

    /** Clears the flag. */
    void clear();

    /** @return whether the flag is set */
    boolean isSet();

    /**
     * Waits until the flag is set. Python's {@code wait()}.
     *
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void await();

    /**
     * Waits at most {@code timeout} until the flag is set.
     *
     * @param timeout the longest wait
     * @return whether the flag was set (Python's return value of {@code wait(timeout)})
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean await(Duration timeout);
}
