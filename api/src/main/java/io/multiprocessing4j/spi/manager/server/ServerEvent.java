package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;

/** An event kept by the manager. */
public final class ServerEvent implements SharedEvent, Served {
    private static final long serialVersionUID = 1L;

    private boolean flag;

    @Override
    public Class<?> proxyType() {
        return SharedEvent.class;
    }

    @Override
    public synchronized void set() {
        flag = true;
        notifyAll();
    }

    @Override
    public synchronized void clear() {
        flag = false;
    }

    @Override
    public synchronized boolean isSet() {
        return flag;
    }

    @Override
    public synchronized void await() {
        await(Long.MAX_VALUE);
    }

    @Override
    public synchronized boolean await(Duration timeout) {
        return await(Checks.timeoutNanos(timeout));
    }

    private synchronized boolean await(long nanos) {
        return Caller.awaitWhile(this, () -> !flag, nanos);
    }
}
