package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;

/** A (bounded) semaphore kept by the manager. */
public final class ServerSemaphore implements SharedSemaphore, Served {
    private static final long serialVersionUID = 1L;

    private final int initial;
    private final boolean bounded;
    private int value;

    /** @param value the initial permits, not negative @param bounded whether release may not exceed it */
    public ServerSemaphore(int value, boolean bounded) {
        this.initial = Checks.nonNegative("semaphore initial value", value);
        this.value = value;
        this.bounded = bounded;
    }

    @Override
    public Class<?> proxyType() {
        return SharedSemaphore.class;
    }

    @Override
    public synchronized void acquire() {
        acquire(Long.MAX_VALUE);
    }

    @Override
    public synchronized boolean acquire(Duration timeout) {
        return acquire(Checks.timeoutNanos(timeout));
    }

    private synchronized boolean acquire(long nanos) {
        if (!Caller.awaitWhile(this, () -> value == 0, nanos)) {
            return false;
        }
        value--;
        return true;
    }

    @Override
    public synchronized void release() {
        if (bounded && value >= initial) {
            throw new IllegalStateException("bounded semaphore released too many times (value " + value + ")");
        }
        value++;
        notifyAll();
    }

    @Override
    public synchronized int value() {
        return value;
    }

    @Override
    public boolean bounded() {
        return bounded;
    }
}
