package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.spi.channel.SpinPolicy;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.foreign.MemorySegment;

/**
 * What a waiter on a futex word tries before it sleeps in the kernel: a spin, then a few yields,
 * each adaptive, with state per primitive handle (so per process and object).
 *
 * <p><b>Spin</b> ({@value #SPINS} rounds of {@link Thread#onSpinWait()}, ~5 µs at the ~25 ns a
 * {@code pause} takes here): pays off when the peer runs on another CPU, where a futex sleep costs
 * a wake-up system call plus the scheduler's ~40 µs to run us again. Whether it can pay off at all
 * is {@link SpinPolicy#SEVERAL_CPUS}: the machine's online CPUs, not
 * {@link Runtime#availableProcessors()}, which a JVM pinned with taskset reports as 1 although its
 * peer may run on the other CPU (pinned cross-CPU semaphore ping-pong paid the full wake-up, 47 µs,
 * for that). When the peer shares our CPU it cannot run while we spin: the spins miss and
 * {@link SpinPolicy} stops them after {@value SpinPolicy#MISSES} misses in a row, trying again every
 * {@value SpinPolicy#RETRY_EVERY}th wait. A spin counts as missed only when the yields after it
 * then find the change (the peer needed our CPU); when they miss too, the peer is slow or asleep
 * and the spin stays on (see {@link #awaitBriefly}).
 *
 * <p><b>Yield</b> (at most {@value #YIELDS} {@link Thread#yield()}s, {@code sched_yield}, ~0.5 µs
 * each here when nothing else is runnable): on a CPU shared with the peer, the peer runs only once
 * we give the CPU up. If it is runnable (itself yielding, not asleep), a yield hands the CPU straight
 * to it, and since neither side ever sleeps, the poster finds no sleeper to wake: a round trip is
 * two context switches and two yields, without the futex wait and wake calls (~0.5 µs each in this
 * VM). Measured in C, two processes on one CPU: 2.9-3.8 µs a round trip yielding, 5-6 µs with futex
 * wait/wake. The yields are bounded because a yield returns at once when nothing else wants the CPU
 * (a peer on another CPU that is slow, or asleep): then they only burn CPU, they miss, and the same
 * adaptive stop turns them off. A virtual thread never yields here: that only lets other virtual
 * threads onto its carrier, never the peer process. The cost on a loaded machine: each yield moves
 * our scheduling deadline a slice back (EEVDF), so a third runnable task on the same CPU runs its
 * slice first, where a woken futex sleeper would have been preferred; the yields still hit, so they
 * stay on (pinned same-CPU ping-pong measured 3.5 µs a round trip on a quiet CPU, ~7 µs at load 20,
 * where futex sleeping stays near 5 µs).
 *
 * <p>Not thread-safe by design: threads of one process sharing a handle race on the counters, which
 * can only lose a hit or a miss (every field is an int, so no tearing), and every phase stays
 * bounded whatever the counters say. A lock here would cost more than the heuristic is worth.
 */
final class Backoff {
    /** Spin rounds before yielding; about 5 µs here. */
    static final int SPINS = 200;
    /** Yields before sleeping. */
    static final int YIELDS = 8;

    private final SpinPolicy spin = new SpinPolicy();
    private final SpinPolicy yield = new SpinPolicy();
    private int spinHits;
    private int yieldHits;

    /**
     * Waits briefly, without sleeping in the kernel, for the int at {@code off} to differ from
     * {@code expected}.
     *
     * @param s the segment
     * @param off the futex word's offset
     * @param expected the value that means "keep waiting"
     * @return whether it changed; if not, the caller sleeps
     */
    boolean awaitBriefly(MemorySegment s, long off, int expected) {
        boolean spinMissed = false;
        if (SpinPolicy.SEVERAL_CPUS && spin.shouldSpin()) {
            for (int i = 0; i < SPINS; i++) {
                Thread.onSpinWait();
                if (Words.getInt(s, off) != expected) {
                    spin.hit();
                    spinHits++;
                    return true;
                }
            }
            spinMissed = true;
        }
        if (!Thread.currentThread().isVirtual() && yield.shouldSpin()) {
            for (int i = 0; i < YIELDS; i++) {
                Thread.yield();
                if (Words.getInt(s, off) != expected) {
                    if (spinMissed) {
                        spin.miss(); // the peer needed our CPU: spinning only delays it
                    }
                    yield.hit();
                    yieldHits++;
                    return true;
                }
            }
            yield.miss();
        }
        // Spin and yields both missed: the peer is slow or asleep, not on our CPU. That is no
        // reason to stop spinning: a peer that sleeps because *we* stopped spinning answers within
        // microseconds once both spin again, and two ends that had both stopped could never find
        // that out (each retry spins while the other sleeps; unpinned ping-pong went 0.4 -> 19 us
        // that way). A spin costs ~5 µs a wait; a wait that then sleeps costs far more.
        return false;
    }

    /** @return how many waits spun (tests) */
    int spins() {
        return spin.spins();
    }

    /** @return how many spins found the change (tests) */
    int spinHits() {
        return spinHits;
    }

    /** @return how many waits yielded (tests) */
    int yields() {
        return yield.spins();
    }

    /** @return how many yield phases found the change (tests) */
    int yieldHits() {
        return yieldHits;
    }
}
