package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Futex;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/**
 * How every posix primitive waits for a futex word to change: spin briefly, then sleep in the
 * kernel in bounded slices.
 *
 * <p><b>Spin.</b> DESIGN measured a futex round trip between two JVMs at 7.7 µs, and 0.68 µs with
 * a short spin before blocking: most hand-offs (a lock released, an item put) happen within a few
 * microseconds, and a sleeping process costs a wake-up system call plus up to ~45 µs to be
 * scheduled on the other vCPU. We spin {@value #SPINS} rounds of {@link Thread#onSpinWait()}
 * (a {@code pause}: roughly 5-20 µs in all), and not at all on a single CPU, where spinning only
 * delays the process we are waiting for. The spin is short because this machine's 2 cores are
 * shared: a long spin steals the very CPU the other process needs. This fixed spin serves the
 * mutex, condition, barrier and queue join; {@link PosixSemaphore} and {@link PosixEvent} wait
 * through {@link Backoff} instead, which spins adaptively, decides by the machine's online CPUs
 * rather than {@link Runtime#availableProcessors()} (1 in a JVM pinned with taskset, so this spin is
 * off there even when the peer runs on another CPU), and yields the CPU before it sleeps.
 *
 * <p><b>Park.</b> {@code futex(FUTEX_WAIT)} cannot be interrupted from Java, so each sleep lasts at
 * most {@value #SLICE_MILLIS} ms; between slices the caller sees interrupts, its deadline, and can
 * check whether a lock holder died. A virtual thread never enters the kernel to wait (that would pin
 * one of the few carrier threads): it parks {@value #VIRTUAL_PARK_NANOS} ns at a time and looks
 * again. A missed wake-up (a waker killed between changing the word and
 * waking) therefore costs at most one slice, never a hang.
 */
public final class Waiting {
    /** Longest single sleep in the kernel. */
    public static final long SLICE_MILLIS = 100;
    static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;
    /** Spin rounds before sleeping (0 when this JVM may use one CPU only; see the class comment). */
    static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;
    /** How long a virtual thread parks between looks (it must not block its carrier in futex). */
    static final long VIRTUAL_PARK_NANOS = 1_000_000;

    private Waiting() {
    }

    /**
     * A deadline from a timeout in nanoseconds, {@link Long#MAX_VALUE} meaning none.
     *
     * @param timeoutNanos the timeout
     * @return the deadline for {@link #remaining}
     */
    public static long deadline(long timeoutNanos) {
        if (timeoutNanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long d = now + timeoutNanos;
        return d - now < 0 || d == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : d;
    }

    /**
     * @param deadline from {@link #deadline}
     * @return the nanoseconds left (at most 0 when passed), {@link Long#MAX_VALUE} without a deadline
     */
    public static long remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    /**
     * Spins until the int at {@code off} differs from {@code expected}.
     *
     * @return whether it changed during the spin
     */
    static boolean spinWhile(MemorySegment s, long off, int expected) {
        for (int i = 0; i < SPINS; i++) {
            if (Words.getInt(s, off) != expected) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Sleeps for one slice (or less, before the deadline) while the int at {@code off} holds
     * {@code expected}. Spurious returns are allowed: callers re-check their condition.
     *
     * @param s the segment
     * @param off the futex word's offset
     * @param expected the value that means "keep waiting"
     * @param deadline from {@link #deadline}
     * @param what what is waited for, for the interrupt message
     * @return false if the deadline has passed (nothing was waited), true otherwise
     * @throws ProcessInterruptedException if the thread is interrupted (its status set again)
     */
    public static boolean sleep(MemorySegment s, long off, int expected, long deadline, Object what) {
        long left = remaining(deadline);
        if (left <= 0) {
            return false;
        }
        checkInterrupt(what);
        if (Thread.currentThread().isVirtual()) {
            // A native futex wait would pin the carrier (there are only as many as CPUs) for the
            // whole slice and starve other virtual threads: park instead and look again.
            if (Words.getInt(s, off) == expected) {
                LockSupport.parkNanos(Math.min(left, VIRTUAL_PARK_NANOS));
            }
        } else {
            Futex.wait(s, off, expected, Math.min(left, SLICE_NANOS));
        }
        checkInterrupt(what);
        return true;
    }

    /**
     * Waits until the int at {@code off} differs from {@code expected}, spinning first.
     *
     * @return whether it changed (false: the deadline passed)
     * @throws ProcessInterruptedException if interrupted
     */
    public static boolean awaitChange(MemorySegment s, long off, int expected, long deadline, Object what) {
        if (spinWhile(s, off, expected)) {
            return true;
        }
        while (Words.getInt(s, off) == expected) {
            if (!sleep(s, off, expected, deadline, what)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param what what was waited for
     * @throws ProcessInterruptedException if the thread is interrupted (its status set again)
     */
    public static void checkInterrupt(Object what) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while waiting for " + what);
        }
    }

    /** Wakes every waiter on a word. @param s segment @param off offset */
    public static void wakeAll(MemorySegment s, long off) {
        Futex.wake(s, off, Integer.MAX_VALUE);
    }

    /** Wakes one waiter on a word. @param s segment @param off offset */
    public static void wakeOne(MemorySegment s, long off) {
        Futex.wake(s, off, 1);
    }
}
