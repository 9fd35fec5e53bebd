package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;

/** A lock kept by the manager: not reentrant, and without an owner (anyone may release it), as Python's. */
public final class ServerLock implements SharedLock, Served {
    private static final long serialVersionUID = 1L;

    private boolean locked;

    @Override
    public Class<?> proxyType() {
        return SharedLock.class;
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
        if (!Caller.awaitWhile(this, () -> locked, nanos)) {
            return false;
        }
        locked = true;
        return true;
    }

    @Override
    public synchronized void release() {
        if (!locked) {
            throw new IllegalStateException("release of an unlocked lock");
        }
        locked = false;
        notifyAll();
    }

    @Override
    public boolean ownerDied() {
        return false;
    }

    @Override
    public SharedCondition newCondition() {
        throw new UnsupportedOperationException("a manager condition needs a reentrant lock: use manager.condition()");
    }

    @Override
    public synchronized boolean isLocked() {
        return locked;
    }
}
