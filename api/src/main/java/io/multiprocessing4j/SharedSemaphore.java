package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A counting semaphore shared across processes: Python's {@code multiprocessing.Semaphore}, or
 * {@code BoundedSemaphore} when made by {@code boundedSemaphore(n)}, whose {@code release} past
 * its initial value throws {@link IllegalStateException}.
 */
public interface SharedSemaphore extends Serializable {
    /**
     * Takes one permit, waiting as long as it takes.
     *
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void acquire();

    /**
     * Takes one permit, waiting at most {@code timeout} (zero: only if one is free now).
     *
     * @param timeout the longest wait
     * @return whether a permit was taken
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean acquire(Duration timeout);

    /** @return whether a permit was free and taken now */
    default boolean tryAcquire() {
        return acquire(Duration.ZERO);
    }

    /**
     * Returns one permit.
     *
     * @throws IllegalStateException if bounded and the value would exceed its initial value
     */
    void release();

    /** @return the number of free permits now (Python's {@code get_value()}) */
    int value();

    /** @return whether this is a bounded semaphore */
    boolean bounded();

    /**
     * Takes a permit and returns a token whose {@code close()} gives it back: for
     * try-with-resources, as Python's {@code with sem:}.
     *
     * @return the token
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    default SharedMutex.Held held() {
        acquire();
        return this::release;
    }
}
