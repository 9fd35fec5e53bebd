package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.shm.Words;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code Condition} on a sequence-number futex, with exact {@code notify(1)}.
 *
 * <pre>
 *   0: int  seq      the futex word: every signal bumps it, so a sleeper whose snapshot is stale wakes
 *   8: long counts   high 32 bits: waiters registered; low 32: signals granted, not yet taken
 * </pre>
 *
 * <p>A waiter registers (under the lock), releases the lock, and sleeps until it can take a granted
 * signal. {@link #signal()} grants one only if there are more waiters than grants, so one signal
 * wakes one waiter, not all (a bare sequence futex would wake every waiter that sees the bump). A
 * waiter that times out or is interrupted withdraws with one CAS on {@code counts}, taking a grant
 * instead if one arrived meanwhile, so no grant is left for a later waiter to take spuriously. As
 * with Python's semaphore-based condition, a waiter killed while waiting stays counted, and a later
 * signal can be spent on it.
 */
public final class PosixCondition implements SharedCondition {
    /** Bytes it uses. */
    public static final long SIZE = 16;
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long SEQ = 0;
    private static final long COUNTS = 8;

    private final ShmRef ref;
    private final PosixMutex lock;

    /**
     * @param ref the shared object (zeroed), at least {@value #SIZE} bytes
     * @param lock the lock it is bound to
     */
    public PosixCondition(ShmRef ref, PosixMutex lock) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    @Override
    public SharedMutex lock() {
        return lock;
    }

    @Override
    public void await() {
        await(Long.MAX_VALUE);
    }

    @Override
    public boolean await(Duration timeout) {
        return await(Waiting.deadline(Checks.timeoutNanos(timeout)));
    }

    private boolean await(long deadline) {
        requireHeld("wait on");
        MemorySegment s = ref.segment();
        Words.getAndAddLong(s, COUNTS, 1L << 32);
        int saved = lock.releaseForWait();
        boolean signalled;
        try {
            signalled = sleepForGrant(s, deadline);
        } catch (ProcessInterruptedException e) {
            withdraw(s);
            lock.reacquireAfterWait(saved);
            throw e;
        }
        lock.reacquireAfterWait(saved);
        return signalled;
    }

    private boolean sleepForGrant(MemorySegment s, long deadline) {
        boolean spun = false;
        while (true) {
            int seq = Words.getInt(s, SEQ);
            if (takeGrant(s)) {
                return true;
            }
            if (!spun) {
                spun = true;
                if (Waiting.remaining(deadline) > 0 && Waiting.spinWhile(s, SEQ, seq)) {
                    continue;
                }
            }
            if (!Waiting.sleep(s, SEQ, seq, deadline, "condition " + ref)) {
                return withdraw(s);
            }
        }
    }

    private static boolean takeGrant(MemorySegment s) {
        while (true) {
            long c = Words.getLong(s, COUNTS);
            if ((int) c == 0) {
                return false;
            }
            if (Words.casLong(s, COUNTS, c, c - (1L << 32) - 1)) {
                return true;
            }
        }
    }

    /** Leaves the waiters; takes a grant instead if one is there. @return whether a grant was taken */
    private static boolean withdraw(MemorySegment s) {
        while (true) {
            long c = Words.getLong(s, COUNTS);
            boolean grant = (int) c != 0;
            long next = grant ? c - (1L << 32) - 1 : c - (1L << 32);
            if (Words.casLong(s, COUNTS, c, next)) {
                return grant;
            }
        }
    }

    @Override
    public void signal() {
        requireHeld("signal");
        MemorySegment s = ref.segment();
        while (true) {
            long c = Words.getLong(s, COUNTS);
            if ((c >>> 32) <= (c & 0xFFFF_FFFFL)) {
                return; // nobody waits who is not already signalled
            }
            if (Words.casLong(s, COUNTS, c, c + 1)) {
                break;
            }
        }
        Words.getAndAddInt(s, SEQ, 1);
        Waiting.wakeOne(s, SEQ);
    }

    @Override
    public void signalAll() {
        requireHeld("signal");
        MemorySegment s = ref.segment();
        while (true) {
            long c = Words.getLong(s, COUNTS);
            long waiters = c >>> 32;
            if (waiters <= (c & 0xFFFF_FFFFL)) {
                return;
            }
            if (Words.casLong(s, COUNTS, c, (waiters << 32) | waiters)) {
                break;
            }
        }
        Words.getAndAddInt(s, SEQ, 1);
        Waiting.wakeAll(s, SEQ);
    }

    private void requireHeld(String what) {
        if (!lock.heldForCondition()) {
            throw new IllegalMonitorStateException("cannot " + what + " condition " + ref
                    + " without holding its lock " + lock.describe());
        }
    }

    @Override
    public String toString() {
        return "PosixCondition[" + ref + " on " + lock.describe() + "]";
    }
}
