package io.multiprocessing4j.threads;

import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads backend's joinable queue: every inserted item counts as an unfinished task until
 * {@link #taskDone()}. The count rises before the item is visible, so a fast consumer's
 * {@code taskDone} never sees it at zero; items removed without {@code get} (for example with
 * {@code remove(Object)} or {@code clear()}) still count, as no one will mark them done otherwise.
 *
 * @param <E> the item type
 */
final class ThreadsJoinableQueue<E> extends ThreadsQueue<E> implements JoinableQueue<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allDone = lock.newCondition();
    private long unfinished;

    ThreadsJoinableQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void beforeInsert() {
        lock.lock();
        try {
            unfinished++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    void notInserted() {
        finishOne();
    }

    @Override
    public void taskDone() {
        checkOpen();
        finishOne();
    }

    private void finishOne() {
        lock.lock();
        try {
            if (unfinished <= 0) {
                throw new IllegalStateException("taskDone() called too many times");
            }
            if (--unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void join() {
        join(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public boolean join(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        lock.lock();
        try {
            while (unfinished > 0) {
                if (nanos == Long.MAX_VALUE) {
                    allDone.await();
                } else {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = allDone.awaitNanos(nanos);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("joinable queue join", e);
        } finally {
            lock.unlock();
        }
    }

    /** @return the number of unfinished tasks (for tests) */
    long unfinishedTasks() {
        lock.lock();
        try {
            return unfinished;
        } finally {
            lock.unlock();
        }
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
