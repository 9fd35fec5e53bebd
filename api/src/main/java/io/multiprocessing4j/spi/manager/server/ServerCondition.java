package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;
import java.util.ArrayDeque;

/** A condition kept by the manager, on a {@link ServerRLock}; waiters are woken in FIFO order. */
public final class ServerCondition implements SharedCondition, Served {
    private static final long serialVersionUID = 1L;

    private final ServerRLock lock;
    private final ArrayDeque<boolean[]> waiters = new ArrayDeque<>();

    ServerCondition(ServerRLock lock) {
        this.lock = lock;
    }

    @Override
    public Class<?> proxyType() {
        return SharedCondition.class;
    }

    @Override
    public SharedMutex lock() {
        return lock;
    }

    @Override
    public void await() {
        waitNanos(Long.MAX_VALUE);
    }

    @Override
    public boolean await(Duration timeout) {
        return waitNanos(Checks.timeoutNanos(timeout));
    }

    private boolean waitNanos(long nanos) {
        boolean[] signalled = new boolean[1];
        synchronized (lock) {
            int saved = lock.releaseAll();
            waiters.add(signalled);
            try {
                Caller.awaitWhile(lock, () -> !signalled[0], nanos);
            } finally {
                waiters.remove(signalled);
                lock.restore(saved);
            }
            return signalled[0];
        }
    }

    @Override
    public void signal() {
        synchronized (lock) {
            requireOwner();
            boolean[] w = waiters.poll();
            if (w != null) {
                w[0] = true;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void signalAll() {
        synchronized (lock) {
            requireOwner();
            for (boolean[] w; (w = waiters.poll()) != null; ) {
                w[0] = true;
            }
            lock.notifyAll();
        }
    }

    private void requireOwner() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot notify on a condition whose lock the caller does not hold");
        }
    }
}
