package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Python's {@code Event}: a flag and a condition. */
final class ThreadsEvent implements SharedEvent {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean flag;
    // Bumped by set(): a waiter woken by a set() returns true even if clear() came first, as in Python.
    private long sets;

    @Override
    public void set() {
        lock.lock();
        try {
            flag = true;
            sets++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isSet() {
        return flag;
    }

    @Override
    public void await() {
        await(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public boolean await(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (flag) {
            return true;
        }
        lock.lock();
        try {
            long seen = sets;
            while (!flag && sets == seen) {
                if (nanos == Long.MAX_VALUE) {
                    changed.await();
                } else if (nanos <= 0) {
                    return false;
                } else {
                    nanos = changed.awaitNanos(nanos);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("event await", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ThreadsEvent[" + (flag ? "set]" : "unset]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
