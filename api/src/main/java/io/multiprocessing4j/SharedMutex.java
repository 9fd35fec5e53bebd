package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * What {@link SharedLock} and {@link SharedRLock} have in common: a {@link Lock} that works across
 * processes, with Python's method names. It is a serializable handle that reattaches in whatever
 * process receives it.
 *
 * <pre>{@code
 * try (var held = lock.held()) {
 *     // exclusive across every process of the context
 * }
 * }</pre>
 */
public interface SharedMutex extends Lock, Serializable {
    /**
     * Acquires, waiting as long as it takes. Python's {@code acquire()}.
     *
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void acquire();

    /**
     * Acquires, waiting at most {@code timeout}. Python's {@code acquire(timeout=...)}; a zero
     * timeout is Python's {@code acquire(block=False)}.
     *
     * @param timeout the longest wait
     * @return whether it was acquired
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean acquire(Duration timeout);

    /**
     * Releases. Python's {@code release()}.
     *
     * @throws IllegalStateException for a {@link SharedLock} that is not held
     * @throws IllegalMonitorStateException for a {@link SharedRLock} not held by the caller
     */
    void release();

    /**
     * Acquires and returns a token whose {@code close()} releases: for try-with-resources, as
     * Python's {@code with lock:}.
     *
     * @return the token
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    default Held held() {
        acquire();
        return this::release;
    }

    /**
     * Says whether the previous holder died while holding this lock and this acquisition recovered
     * it. True from that {@code acquire} until the next {@code release}. Always false on backends
     * without {@link Capability#ROBUST_LOCKS}.
     *
     * @return whether the lock was recovered from a dead holder
     */
    boolean ownerDied();

    /** Same as {@link #acquire()} (the {@link Lock} name). */
    @Override
    default void lock() {
        acquire();
    }

    /**
     * Acquires unless interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    default void lockInterruptibly() throws InterruptedException {
        try {
            acquire();
        } catch (ProcessInterruptedException e) {
            Thread.interrupted();
            throw new InterruptedException(e.getMessage());
        }
    }

    /** Acquires if free now. @return whether it was acquired */
    @Override
    default boolean tryLock() {
        return acquire(Duration.ZERO);
    }

    /**
     * Acquires, waiting at most the given time.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    default boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        try {
            return acquire(Duration.ofNanos(Math.max(0, unit.toNanos(time))));
        } catch (ProcessInterruptedException e) {
            Thread.interrupted();
            throw new InterruptedException(e.getMessage());
        }
    }

    /** Same as {@link #release()} (the {@link Lock} name). */
    @Override
    default void unlock() {
        release();
    }

    /**
     * Makes a condition bound to this lock, shared across processes.
     *
     * @return the condition
     */
    @Override
    SharedCondition newCondition();

    /** A held lock; {@link #close()} releases it. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }
}
