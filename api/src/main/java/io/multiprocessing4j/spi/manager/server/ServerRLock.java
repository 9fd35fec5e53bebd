package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;

/**
 * A reentrant lock kept by the manager; its owner is the calling process and thread, so owner
 * checks hold across processes. Its conditions wait on the same monitor.
 */
public final class ServerRLock implements SharedRLock, Served {
    private static final long serialVersionUID = 1L;

    private String owner;
    private int count;

    @Override
    public Class<?> proxyType() {
        return SharedRLock.class;
    }

    @Override
    public synchronized void acquire() {
        acquire(Long.MAX_VALUE);
    }

    @Override
    public synchronized boolean acquire(Duration timeout) {
        return acquire(Checks.timeoutNanos(timeout));
    }

    synchronized boolean acquire(long nanos) {
        String me = Caller.id();
        if (me.equals(owner)) {
            count++;
            return true;
        }
        if (!Caller.awaitWhile(this, () -> owner != null, nanos)) {
            return false;
        }
        owner = me;
        count = 1;
        return true;
    }

    @Override
    public synchronized void release() {
        String me = Caller.id();
        if (!me.equals(owner)) {
            throw new IllegalMonitorStateException("cannot release an RLock not held by the caller (" + me + ")");
        }
        if (--count == 0) {
            owner = null;
            notifyAll();
        }
    }

    /** Releases fully for a condition wait. @return the hold count to restore */
    synchronized int releaseAll() {
        String me = Caller.id();
        if (!me.equals(owner)) {
            throw new IllegalMonitorStateException("cannot wait on a condition whose lock the caller (" + me
                    + ") does not hold");
        }
        int saved = count;
        owner = null;
        count = 0;
        notifyAll();
        return saved;
    }

    /** Reacquires after a condition wait, whatever the time. */
    synchronized void restore(int saved) {
        String me = Caller.id();
        while (owner != null) {
            Caller.await(this, Long.MAX_VALUE);
        }
        owner = me;
        count = saved;
    }

    @Override
    public boolean ownerDied() {
        return false;
    }

    @Override
    public SharedCondition newCondition() {
        return new ServerCondition(this);
    }

    @Override
    public synchronized int holdCount() {
        return Caller.id().equals(owner) ? count : 0;
    }

    @Override
    public synchronized boolean isHeldByCurrentThread() {
        return Caller.id().equals(owner);
    }
}
