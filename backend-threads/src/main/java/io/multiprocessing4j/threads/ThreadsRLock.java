package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Python's {@code RLock}: a {@link ReentrantLock}, so only its owner thread may release it. */
final class ThreadsRLock implements SharedRLock, ThreadsMutex {
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void acquire() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("rlock acquire", e);
        }
    }

    @Override
    public boolean acquire(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (nanos == 0) {
            return lock.tryLock();
        }
        try {
            if (nanos == Long.MAX_VALUE) {
                lock.lockInterruptibly();
                return true;
            }
            return lock.tryLock(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("rlock acquire", e);
        }
    }

    @Override
    public void release() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot release an RLock the calling thread does not hold ("
                    + (lock.isLocked() ? "another thread holds it" : "it is not held") + ")");
        }
        lock.unlock();
    }

    @Override
    public int holdCount() {
        return lock.getHoldCount();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
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
        return lock.newCondition();
    }

    @Override
    public String toString() {
        return "ThreadsRLock[holdCount=" + holdCount() + (lock.isLocked() ? ", locked]" : ", unlocked]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
