package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;

/**
 * A barrier kept by the manager, with Python's semantics: arrival indexes from 0 for the first to
 * arrive up to {@code parties - 1}, a timed-out wait breaks it for everyone, {@link #abort()} breaks it until
 * {@link #reset()}.
 */
public final class ServerBarrier implements SharedBarrier, Served {
    private static final long serialVersionUID = 1L;

    private final int parties;
    private int waiting;
    private Generation current = new Generation();

    private static final class Generation {
        boolean tripped;
        boolean broken;
    }

    /** @param parties at least 1 */
    public ServerBarrier(int parties) {
        this.parties = Checks.positive("barrier parties", parties);
    }

    @Override
    public Class<?> proxyType() {
        return SharedBarrier.class;
    }

    @Override
    public synchronized int await() {
        return await(Long.MAX_VALUE);
    }

    @Override
    public synchronized int await(Duration timeout) {
        return await(Checks.timeoutNanos(timeout));
    }

    private synchronized int await(long nanos) {
        Generation g = current;
        if (g.broken) {
            throw new BarrierBrokenException("the barrier is broken");
        }
        int index = waiting;
        if (index == parties - 1) {
            g.tripped = true;
            current = new Generation();
            waiting = 0;
            notifyAll();
            return index;
        }
        waiting++;
        long deadline = Caller.deadline(nanos);
        try {
            while (!g.tripped && !g.broken) {
                long left = Caller.left(deadline);
                if (left <= 0) {
                    breakIt();
                    throw new BarrierBrokenException("the barrier timed out after " + Duration.ofNanos(nanos)
                            + " and is broken");
                }
                Caller.await(this, left);
            }
        } catch (RuntimeException e) {
            if (!g.tripped && !g.broken) {
                breakIt();
            }
            throw e;
        }
        if (!g.tripped) {
            throw new BarrierBrokenException("the barrier was broken while waiting");
        }
        return index;
    }

    private void breakIt() {
        current.broken = true;
        waiting = 0;
        notifyAll();
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public synchronized int waiting() {
        return waiting;
    }

    @Override
    public synchronized void reset() {
        if (waiting > 0) {
            breakIt();
        }
        current = new Generation();
        waiting = 0;
    }

    @Override
    public synchronized void abort() {
        breakIt();
    }

    @Override
    public synchronized boolean isBroken() {
        return current.broken;
    }
}
