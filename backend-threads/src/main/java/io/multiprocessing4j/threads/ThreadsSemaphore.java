package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code Semaphore} and {@code BoundedSemaphore}: permits in an
 * {@link AbstractQueuedSynchronizer}'s state, so that a bounded release checks and adds in one
 * atomic step.
 */
final class ThreadsSemaphore implements SharedSemaphore {
    private static final class Sync extends AbstractQueuedSynchronizer {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int bound;

        Sync(int permits, int bound) {
            setState(permits);
            this.bound = bound;
        }

        @Override
        protected int tryAcquireShared(int n) {
            while (true) {
                int available = getState();
                if (available < n) {
                    return -1;
                }
                if (compareAndSetState(available, available - n)) {
                    return available - n;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int n) {
            while (true) {
                int current = getState();
                if (current > bound - n) {
                    throw new IllegalStateException(bound == Integer.MAX_VALUE
                            ? "semaphore value would overflow: " + current
                            : "bounded semaphore released too many times (its value " + current
                                    + " is already its initial value " + bound + ")");
                }
                if (compareAndSetState(current, current + n)) {
                    return true;
                }
            }
        }

        int permits() {
            return getState();
        }
    }

    private final Sync sync;
    private final boolean bounded;

    ThreadsSemaphore(int value, boolean bounded) {
        this.bounded = bounded;
        this.sync = new Sync(value, bounded ? value : Integer.MAX_VALUE);
    }

    @Override
    public void acquire() {
        try {
            sync.acquireSharedInterruptibly(1);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("semaphore acquire", e);
        }
    }

    @Override
    public boolean acquire(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (nanos == 0) {
            return sync.tryAcquireShared(1) >= 0;
        }
        try {
            if (nanos == Long.MAX_VALUE) {
                sync.acquireSharedInterruptibly(1);
                return true;
            }
            return sync.tryAcquireSharedNanos(1, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("semaphore acquire", e);
        }
    }

    @Override
    public void release() {
        sync.releaseShared(1);
    }

    @Override
    public int value() {
        return sync.permits();
    }

    @Override
    public boolean bounded() {
        return bounded;
    }

    @Override
    public String toString() {
        return (bounded ? "ThreadsBoundedSemaphore[value=" : "ThreadsSemaphore[value=") + value() + "]";
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
