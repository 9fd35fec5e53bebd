package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ExitRequest;
import io.multiprocessing4j.spi.shm.Words;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code threading.Barrier} algorithm (which {@code multiprocessing.Barrier} reuses) on
 * shared memory: an internal {@link RobustMutex} plays the condition's lock and a sequence futex its
 * {@code notify_all}.
 *
 * <pre>
 *   0:  8 bytes  RobustMutex guarding the fields below
 *   8:  int seq      futex word, bumped on every state change
 *   12: int state    FILLING 0, DRAINING 1, RESETTING -1, BROKEN -2 (Python's values)
 *   16: int count    parties inside await()
 *   20: int parties
 * </pre>
 *
 * Arrival indexes count up from 0 (first) to {@code parties - 1} (last), as CPython's; the last
 * arrival runs the action, in its own process, while the others wait.
 */
public final class PosixBarrier implements SharedBarrier {
    /** Bytes it uses. */
    public static final long SIZE = 24;
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long MUTEX = 0;
    private static final long SEQ = 8;
    private static final long STATE = 12;
    private static final long COUNT = 16;
    private static final long PARTIES = 20;
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final ShmRef ref;
    private final SerializableRunnable action;
    private final Duration defaultTimeout;

    private PosixBarrier(ShmRef ref, SerializableRunnable action, Duration defaultTimeout) {
        this.ref = ref;
        this.action = action;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Initialises a barrier in fresh (zeroed) shared memory.
     *
     * @param ref the shared object, at least {@value #SIZE} bytes
     * @param parties at least 1
     * @param action run by the last arrival, or null
     * @param defaultTimeout of {@link #await()}, or null
     * @return the handle
     */
    public static PosixBarrier create(ShmRef ref, int parties, SerializableRunnable action, Duration defaultTimeout) {
        Words.setInt(Objects.requireNonNull(ref, "ref").segment(), PARTIES, parties);
        return new PosixBarrier(ref, action, defaultTimeout);
    }

    @Override
    public int await() {
        return await(defaultTimeout == null ? Long.MAX_VALUE : Waiting.deadline(Checks.timeoutNanos(defaultTimeout)));
    }

    @Override
    public int await(Duration timeout) {
        return await(Waiting.deadline(Checks.timeoutNanos(timeout)));
    }

    private int await(long deadline) {
        MemorySegment s = ref.segment();
        lock(s);
        try {
            while (state(s) == RESETTING || state(s) == DRAINING) {
                waitForChange(s, Long.MAX_VALUE);
            }
            if (state(s) == BROKEN) {
                throw new BarrierBrokenException("barrier " + ref + " is broken");
            }
            int count = Words.getInt(s, COUNT);
            int parties = parties();
            Words.setInt(s, COUNT, count + 1);
            try {
                int index = count;
                if (index == parties - 1) {
                    runAction(s);
                    setState(s, DRAINING);
                } else {
                    waitForRelease(s, deadline);
                }
                return index;
            } finally {
                int left = Words.getInt(s, COUNT) - 1;
                Words.setInt(s, COUNT, left);
                if (left == 0 && (state(s) == RESETTING || state(s) == DRAINING)) {
                    setState(s, FILLING);
                }
            }
        } finally {
            RobustMutex.release(s, MUTEX);
        }
    }

    private void waitForRelease(MemorySegment s, long deadline) {
        try {
            while (state(s) == FILLING) {
                if (!waitForChange(s, deadline)) {
                    breakBarrier(s);
                    throw new BarrierBrokenException("barrier " + ref + " wait timed out: the barrier is now broken");
                }
            }
        } catch (ProcessInterruptedException e) {
            breakBarrier(s);
            throw e;
        }
        if (state(s) < 0) {
            throw new BarrierBrokenException("barrier " + ref + " was broken or reset while waiting");
        }
    }

    private void runAction(MemorySegment s) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (ExitRequest e) {
            breakBarrier(s);
            throw e;
        } catch (Exception | Error e) {
            breakBarrier(s);
            throw new BarrierBrokenException("the action of barrier " + ref + " failed: the barrier is now broken", e);
        }
    }

    /** Releases the mutex, sleeps for a state change (one slice at most), reacquires. Holds the mutex. */
    private boolean waitForChange(MemorySegment s, long deadline) {
        int seq = Words.getInt(s, SEQ);
        RobustMutex.release(s, MUTEX);
        boolean inTime;
        try {
            inTime = Waiting.sleep(s, SEQ, seq, deadline, "barrier " + ref);
        } finally {
            lockUninterruptibly(s);
        }
        return inTime;
    }

    private void lock(MemorySegment s) {
        RobustMutex.acquire(s, MUTEX, Long.MAX_VALUE, "barrier " + ref + " mutex");
    }

    private void lockUninterruptibly(MemorySegment s) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                lock(s);
                break;
            } catch (ProcessInterruptedException e) {
                interrupted = Thread.interrupted() | true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int state(MemorySegment s) {
        return Words.getInt(s, STATE);
    }

    private static void setState(MemorySegment s, int state) {
        Words.setInt(s, STATE, state);
        Words.getAndAddInt(s, SEQ, 1);
        Waiting.wakeAll(s, SEQ);
    }

    private static void breakBarrier(MemorySegment s) {
        setState(s, BROKEN);
    }

    @Override
    public int parties() {
        return Words.getInt(ref.segment(), PARTIES);
    }

    @Override
    public int waiting() {
        MemorySegment s = ref.segment();
        return state(s) == FILLING ? Words.getInt(s, COUNT) : 0;
    }

    @Override
    public void reset() {
        MemorySegment s = ref.segment();
        lockUninterruptibly(s);
        try {
            if (Words.getInt(s, COUNT) > 0) {
                if (state(s) == FILLING || state(s) == BROKEN) {
                    setState(s, RESETTING);
                }
            } else {
                setState(s, FILLING);
            }
        } finally {
            RobustMutex.release(s, MUTEX);
        }
    }

    @Override
    public void abort() {
        MemorySegment s = ref.segment();
        lockUninterruptibly(s);
        try {
            breakBarrier(s);
        } finally {
            RobustMutex.release(s, MUTEX);
        }
    }

    @Override
    public boolean isBroken() {
        return state(ref.segment()) == BROKEN;
    }

    @Override
    public String toString() {
        return "PosixBarrier[" + ref + ", parties=" + parties() + ", waiting=" + waiting() + (isBroken() ? ", broken]" : "]");
    }
}
