package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;

/**
 * Python's ownerless, non-reentrant {@code Lock}: any thread may release it; a second acquire by
 * the holder waits like anyone else's. Built on {@link AbstractQueuedSynchronizer} (state 1 =
 * locked). A condition on it counts "locked" as "held", since the lock has no owner to check.
 */
final class ThreadsLock implements SharedLock, ThreadsMutex {
    private static final class Sync extends AbstractQueuedSynchronizer {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (!compareAndSetState(1, 0)) {
                throw new IllegalStateException("release of a lock that is not locked");
            }
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getState() == 1;
        }

        boolean locked() {
            return getState() == 1;
        }

        Condition condition() {
            return new ConditionObject();
        }
    }

    private final Sync sync = new Sync();

    @Override
    public void acquire() {
        try {
            sync.acquireInterruptibly(1);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("lock acquire", e);
        }
    }

    @Override
    public boolean acquire(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (nanos == 0) {
            return sync.tryAcquire(1);
        }
        try {
            if (nanos == Long.MAX_VALUE) {
                sync.acquireInterruptibly(1);
                return true;
            }
            return sync.tryAcquireNanos(1, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("lock acquire", e);
        }
    }

    @Override
    public void release() {
        sync.release(1);
    }

    @Override
    public boolean isLocked() {
        return sync.locked();
    }

    @Override
    public boolean ownerDied() {
        return false;
    }

    @Override
    public SharedCondition newCondition() {
        return new ThreadsCondition(this);
    }

    @Override
    public Condition newJdkCondition() {
        return sync.condition();
    }

    @Override
    public String toString() {
        return "ThreadsLock[" + (isLocked() ? "locked]" : "unlocked]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
