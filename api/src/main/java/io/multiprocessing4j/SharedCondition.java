package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared across processes: Python's {@code multiprocessing.Condition}, as a
 * {@link Condition}. Python's {@code notify}/{@code notify_all} are {@link #signal()} and
 * {@link #signalAll()} (Java reserves the other names). The caller must hold {@link #lock()}
 * around every wait and signal; a wait by a caller that does not hold it throws
 * {@link IllegalMonitorStateException}.
 */
public interface SharedCondition extends Condition, Serializable {
    /** @return the lock this condition is bound to (acquire and release it around waits) */
    SharedMutex lock();

    /**
     * Releases the lock, waits for a signal, and reacquires the lock. Python's {@code wait()}.
     *
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws ProcessInterruptedException if interrupted while waiting (the lock is reacquired first)
     */
    @Override
    void await();

    /**
     * Waits as {@link #await()}, at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return false if the timeout expired, true if signalled (Python's return value)
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean await(Duration timeout);

    /**
     * Waits until {@code predicate} is true, at most {@code timeout}. Python's
     * {@code wait_for(predicate, timeout)}; the predicate is evaluated here, under the lock.
     *
     * @param predicate the condition to wait for
     * @param timeout the longest wait
     * @return the predicate's last value
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    default boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        java.util.Objects.requireNonNull(predicate, "predicate");
        long deadline = System.nanoTime() + io.multiprocessing4j.spi.Checks.timeout(timeout).toNanos();
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            await(Duration.ofNanos(left));
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes one waiter. Python's {@code notify()}.
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    @Override
    void signal();

    /**
     * Wakes every waiter. Python's {@code notify_all()}.
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    @Override
    void signalAll();

    /** Waits as {@link #await()}, ignoring interrupts (the status is set again on return). */
    @Override
    default void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                await();
                break;
            } catch (ProcessInterruptedException e) {
                interrupted = Thread.interrupted() || true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @throws InterruptedException if interrupted while waiting */
    @Override
    default long awaitNanos(long nanosTimeout) throws InterruptedException {
        long start = System.nanoTime();
        interruptibly(() -> await(Duration.ofNanos(Math.max(0, nanosTimeout))));
        return nanosTimeout - (System.nanoTime() - start);
    }

    /** @throws InterruptedException if interrupted while waiting */
    @Override
    default boolean await(long time, TimeUnit unit) throws InterruptedException {
        return interruptibly(() -> await(Duration.ofNanos(Math.max(0, unit.toNanos(time)))));
    }

    /** @throws InterruptedException if interrupted while waiting */
    @Override
    default boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = Math.max(0, deadline.getTime() - System.currentTimeMillis());
        return interruptibly(() -> await(Duration.ofMillis(millis)));
    }

    private static boolean interruptibly(BooleanSupplier wait) throws InterruptedException {
        try {
            return wait.getAsBoolean();
        } catch (ProcessInterruptedException e) {
            Thread.interrupted();
            throw new InterruptedException(e.getMessage());
        }
    }
}
