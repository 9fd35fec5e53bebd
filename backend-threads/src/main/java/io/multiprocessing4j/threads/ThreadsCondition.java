package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.Condition;

/**
 * Python's {@code Condition} on a lock of this backend: the JDK condition of that lock, whose
 * checks give {@link IllegalMonitorStateException} to a caller that does not hold it (for the
 * ownerless lock: when it is not locked at all).
 */
final class ThreadsCondition implements SharedCondition {
    private final ThreadsMutex lock;
    private final Condition condition;

    ThreadsCondition(ThreadsMutex lock) {
        this.lock = lock;
        this.condition = lock.newJdkCondition();
    }

    @Override
    public SharedMutex lock() {
        return lock;
    }

    @Override
    public void await() {
        try {
            condition.await();
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("condition await", e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        try {
            if (nanos == Long.MAX_VALUE) {
                condition.await();
                return true;
            }
            return condition.awaitNanos(nanos) > 0;
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("condition await", e);
        }
    }

    @Override
    public void signal() {
        condition.signal();
    }

    @Override
    public void signalAll() {
        condition.signalAll();
    }

    @Override
    public String toString() {
        return "ThreadsCondition[" + lock + "]";
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
