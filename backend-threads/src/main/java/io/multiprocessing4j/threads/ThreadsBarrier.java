package io.multiprocessing4j.threads;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ExitRequest;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code Barrier}. Each round is a {@link Round}; passing starts a new one, breaking marks
 * the current one broken (every waiter of it throws), and {@link #reset()} breaks it and starts a
 * fresh one. Arrival indexes run from 0 (first) up to {@code parties - 1} (last, which runs the action),
 * as in Python.
 */
final class ThreadsBarrier implements SharedBarrier {
    private static final class Round {
        boolean broken;
    }

    private final int parties;
    private final SerializableRunnable action;
    private final Duration defaultTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition passed = lock.newCondition();
    private Round round = new Round();
    private int arrived;

    ThreadsBarrier(int parties, SerializableRunnable action, Duration defaultTimeout) {
        this.parties = parties;
        this.action = action;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public int await() {
        return awaitNanos(defaultTimeout == null ? Long.MAX_VALUE : Checks.timeoutNanos(defaultTimeout));
    }

    @Override
    public int await(Duration timeout) {
        return awaitNanos(Checks.timeoutNanos(timeout));
    }

    private int awaitNanos(long nanos) {
        lock.lock();
        try {
            Round r = round;
            if (r.broken) {
                throw new BarrierBrokenException("the barrier is broken");
            }
            int index = arrived++;
            if (index == parties - 1) {
                runAction(r);
                arrived = 0;
                round = new Round();
                passed.signalAll();
                return index;
            }
            while (true) {
                try {
                    if (nanos == Long.MAX_VALUE) {
                        passed.await();
                    } else if (nanos <= 0) {
                        breakRound(r);
                        throw new BarrierBrokenException("barrier wait timed out: the barrier is now broken");
                    } else {
                        nanos = passed.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    breakRound(r);
                    throw Interrupts.interrupted("barrier await (the barrier is now broken)", e);
                }
                if (r.broken) {
                    throw new BarrierBrokenException("the barrier was broken while waiting");
                }
                if (r != round) {
                    return index;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void runAction(Round r) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (ExitRequest e) {
            breakRound(r);
            throw e;
        } catch (Exception | Error e) {
            breakRound(r);
            throw new BarrierBrokenException("the barrier action failed: the barrier is now broken", e);
        }
    }

    /** Breaks round {@code r} if it is still the current one. Holds the lock. */
    private void breakRound(Round r) {
        if (r == round && !r.broken) {
            r.broken = true;
            arrived = 0;
            passed.signalAll();
        }
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int waiting() {
        lock.lock();
        try {
            return round.broken ? 0 : arrived;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            round.broken = true;
            passed.signalAll();
            round = new Round();
            arrived = 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            breakRound(round);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isBroken() {
        lock.lock();
        try {
            return round.broken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ThreadsBarrier[parties=" + parties + ", waiting=" + waiting() + (isBroken() ? ", broken]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
