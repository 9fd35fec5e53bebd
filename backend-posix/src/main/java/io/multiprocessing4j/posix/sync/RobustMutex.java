package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Processes;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;

/**
 * A robust process-shared mutex on two ints of shared memory, the core of every posix lock and of
 * the queue's producer and consumer locks.
 *
 * <pre>
 *   off+0: int word        0 = free; else holder pid | WAITERS (bit 31: someone may sleep)
 *   off+4: int ownerDied   1 from a recovery until the next release
 * </pre>
 *
 * <p>The holder's pid is the lock word itself (as in Linux's robust futexes), not stored beside
 * it: taking the lock and recording who took it are then one CAS, so a process killed at any
 * instant leaves either a free lock or one that names it; a "locked, holder unknown" state, which a
 * separate pid field would have between the two writes, cannot exist.
 *
 * <p>Acquire: one CAS 0 → pid when free (no system call). Contended: spin, then set WAITERS and
 * sleep on the word ({@link Waiting}). A waiter checks whether the holder lives ({@code kill(pid,
 * 0)}) when it starts waiting and after every slice that times out, so a dead holder's lock is taken
 * over within about {@value Waiting#SLICE_MILLIS} ms: the recovering CAS replaces exactly the dead
 * word, so two recoverers cannot both win. Release: swap to 0 and wake one sleeper if WAITERS was
 * set (Drepper's "mutex 2"; a woken waiter takes the lock with WAITERS set, conservatively).
 *
 * <p>Limit: a dead holder whose pid was reused by a new process looks alive, as in every pid-based
 * scheme; pids are recycled only after the whole pid range (4 million by default) went round.
 */
public final class RobustMutex {
    static final int WAITERS = 0x8000_0000;
    static final int PID_MASK = 0x7FFF_FFFF;
    /** Byte size of the two ints. */
    public static final long SIZE = 8;
    private static final System.Logger LOG = System.getLogger(RobustMutex.class.getName());
    private static final int PID = (int) ProcessHandle.current().pid();

    /** What an acquisition gave. */
    public enum Result {
        /** Acquired from a live or no holder. */
        ACQUIRED,
        /** Acquired from a holder that died holding it. */
        OWNER_DIED,
        /** Not acquired before the deadline. */
        TIMED_OUT
    }

    private RobustMutex() {
    }

    /** @return this process's pid as stored in lock words */
    public static int pid() {
        return PID;
    }

    /**
     * Acquires.
     *
     * @param s the segment
     * @param off the mutex's offset (8 bytes, 4-aligned)
     * @param deadline from {@link Waiting#deadline}; a passed one tries once
     * @param what names the lock in messages and warnings; its {@code toString()} is called only
     *     for a message, so the uncontended path allocates nothing
     * @return the result
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    public static Result acquire(MemorySegment s, long off, long deadline, Object what) {
        if (Words.casInt(s, off, 0, PID)) {
            return Result.ACQUIRED;
        }
        int spins = Waiting.remaining(deadline) > 0 ? Waiting.SPINS : 0;
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
            if (Words.getInt(s, off) == 0 && Words.casInt(s, off, 0, PID)) {
                return Result.ACQUIRED;
            }
        }
        boolean checkHolder = true;
        while (true) {
            int v = Words.getInt(s, off);
            if (v == 0) {
                if (Words.casInt(s, off, 0, PID | WAITERS)) {
                    return Result.ACQUIRED;
                }
                continue;
            }
            int holder = v & PID_MASK;
            if (checkHolder && holder != PID && !alive(holder)) {
                if (Words.casInt(s, off, v, PID | WAITERS)) {
                    Words.setInt(s, off + 4, 1);
                    LOG.log(Level.WARNING, what + ": its holder, pid " + holder
                            + ", died holding it; pid " + PID + " recovered it");
                    return Result.OWNER_DIED;
                }
                continue;
            }
            checkHolder = false;
            if ((v & WAITERS) == 0 && !Words.casInt(s, off, v, v | WAITERS)) {
                continue;
            }
            long before = System.nanoTime();
            if (!Waiting.sleep(s, off, v | WAITERS, deadline, what)) {
                return Result.TIMED_OUT;
            }
            // A full slice without a change: the holder may be dead; look again.
            checkHolder = System.nanoTime() - before >= Waiting.SLICE_NANOS;
        }
    }

    /**
     * Tries once without waiting (but recovers a dead holder's lock).
     *
     * @return the result, {@link Result#TIMED_OUT} if held by a live process
     */
    public static Result tryAcquire(MemorySegment s, long off, Object what) {
        return acquire(s, off, System.nanoTime() - 1, what);
    }

    /**
     * Releases, whoever holds it.
     *
     * @param s the segment
     * @param off the mutex's offset
     * @return false if it was not held (nothing changed)
     */
    public static boolean release(MemorySegment s, long off) {
        while (true) {
            int v = Words.getInt(s, off);
            if (v == 0) {
                return false;
            }
            if (Words.getInt(s, off + 4) != 0) {
                Words.setInt(s, off + 4, 0); // a volatile store is a full fence: skip it when already 0
            }
            if (Words.casInt(s, off, v, 0)) {
                if ((v & WAITERS) != 0) {
                    Waiting.wakeOne(s, off);
                }
                return true;
            }
        }
    }

    /** @return the holder's pid, 0 if free */
    public static int holder(MemorySegment s, long off) {
        return Words.getInt(s, off) & PID_MASK;
    }

    /** @return whether the current holder recovered it from a dead one */
    public static boolean ownerDied(MemorySegment s, long off) {
        return Words.getInt(s, off + 4) != 0;
    }

    private static boolean alive(int pid) {
        try {
            return Processes.exists(pid);
        } catch (PosixException e) {
            return true; // cannot tell: never steal a lock on a guess
        }
    }
}
