package io.multiprocessing4j.threads;

import io.multiprocessing4j.ConnectionEOFException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of a pipe: a FIFO of messages between the end that writes and the end that reads.
 * The writer closing means EOF once the queue is drained; the reader closing makes further sends
 * fail, as a broken pipe does.
 */
final class Channel {
    /** Returned by {@link #receive(long)} when the wait expired. */
    static final Object TIMED_OUT = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<Object> messages = new ArrayDeque<>();
    private boolean writerClosed;
    private boolean readerClosed;

    /**
     * Appends a message.
     *
     * @param message the message (never null)
     * @throws ConnectionEOFException if the reading end is closed
     */
    void send(Object message) {
        lock.lock();
        try {
            if (readerClosed) {
                throw new ConnectionEOFException("the other end of the pipe is closed");
            }
            messages.add(message);
            readable.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next message.
     *
     * @param nanos the longest wait; {@link Long#MAX_VALUE} for no limit
     * @return the message, or {@link #TIMED_OUT}
     * @throws ConnectionEOFException if nothing is left and the writing end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    Object receive(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (messages.isEmpty()) {
                if (writerClosed) {
                    throw new ConnectionEOFException("the other end of the pipe is closed and every message was read");
                }
                if (nanos == Long.MAX_VALUE) {
                    readable.await();
                } else if (nanos <= 0) {
                    return TIMED_OUT;
                } else {
                    nanos = readable.awaitNanos(nanos);
                }
            }
            return messages.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a message or EOF can be read.
     *
     * @param nanos the longest wait; 0 to look only
     * @return whether one can
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitReadable(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (messages.isEmpty() && !writerClosed) {
                if (nanos <= 0) {
                    return false;
                }
                if (nanos == Long.MAX_VALUE) {
                    readable.await();
                } else {
                    nanos = readable.awaitNanos(nanos);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writing end closed: readers see EOF after the last message. */
    void closeWriter() {
        lock.lock();
        try {
            writerClosed = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reading end closed: unread messages are dropped and further sends fail. */
    void closeReader() {
        lock.lock();
        try {
            readerClosed = true;
            messages.clear();
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
