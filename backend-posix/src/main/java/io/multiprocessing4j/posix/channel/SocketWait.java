package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.spi.channel.SpinPolicy;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * How one direction of an {@link FdChannel} waits for its socket: spin briefly, then sleep in
 * {@code poll}. Not thread-safe: each direction's lock guards its instance.
 *
 * <p><b>Spin.</b> Before sleeping, a platform thread looks with {@code poll(…, 0)} for up to
 * {@link #SPIN_NANOS}: in a ping-pong the answer usually comes within microseconds, while a
 * sleeping process costs a wake-up system call in the sender and the scheduler's latency (tens of
 * microseconds) — the futex waits of {@code posix/sync} spin for the same reason. Between looks
 * it yields the CPU ({@code sched_yield}) rather than pausing: on two cores a pool's round trip
 * has three threads that want to run (the caller, the worker, the reader), and a peer pinned to
 * our CPU can only answer once we give the CPU up. Measured (JMH, posix): a pause-spin of 30 µs
 * gave apply_async ~25 µs and pinned same-CPU ping-pong 13–45 µs (spinning there only delayed
 * the peer until the adaptive stop); 5 µs of pauses then yields gave 17 µs and 24 µs; yields
 * only, 50 µs, gave 12.6 µs and 14 µs, with cross-CPU and unpinned ping-pong unchanged (~7 µs;
 * a yield with nothing else to run returns at once). No spin on a one-CPU machine (see
 * {@link SpinPolicy#SEVERAL_CPUS} for a process pinned to one CPU). It is adaptive
 * ({@link SpinPolicy}): after a few fruitless spins in a row this direction stops spinning, and
 * tries again every 64th wait.
 *
 * <p><b>Sleep.</b> A platform thread sleeps in {@code poll} for the slice it is given. A virtual
 * thread never blocks in the kernel (it would pin its carrier): it looks, then parks, 50 µs at
 * first and doubling up to 1 ms while the wait goes on.
 */
final class SocketWait {
    /** How long a platform thread looks before sleeping in {@code poll} (0 on a one-CPU machine). */
    static final long SPIN_NANOS = SpinPolicy.SEVERAL_CPUS ? 50_000 : 0;
    private static final long VIRTUAL_PARK_MIN_NANOS = 50_000;
    private static final long VIRTUAL_PARK_MAX_NANOS = 1_000_000;

    private final int fd;
    private final short events;
    private final String what;
    private final SpinPolicy spin = new SpinPolicy();

    SocketWait(int fd, short events, String what) {
        this.fd = fd;
        this.events = events;
        this.what = what;
    }

    /**
     * Waits up to a slice for the socket to become ready.
     *
     * @param millis the slice (at least 1)
     * @param round how many slices this wait already took (0: the first, which may spin)
     * @param leftNanos time left to the caller's deadline (bounds the spin)
     * @param look how the spin looks, or null for {@code poll(…, 0)}: a reader may pass one that
     *     reads what it waits for, saving the {@code poll} call when it is there
     * @return whether it is ready (with a look: whether the look found it)
     * @throws ProcessInterruptedException if the thread is interrupted
     */
    boolean await(int millis, int round, long leftNanos, BooleanSupplier look) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while waiting to " + what);
        }
        if (Thread.currentThread().isVirtual()) {
            if (Descriptors.poll(fd, events, 0) != 0) {
                return true;
            }
            long park = Math.min(VIRTUAL_PARK_MIN_NANOS << Math.min(round, 5), VIRTUAL_PARK_MAX_NANOS);
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(millis), park));
            return Descriptors.poll(fd, events, 0) != 0;
        }
        if (round == 0 && SPIN_NANOS > 0 && spin.shouldSpin()) {
            long end = System.nanoTime() + Math.min(SPIN_NANOS, leftNanos);
            do {
                if (look == null ? Descriptors.poll(fd, events, 0) != 0 : look.getAsBoolean()) {
                    spin.hit();
                    return true;
                }
                Thread.yield();
            } while (System.nanoTime() - end < 0);
            spin.miss();
        }
        return Descriptors.poll(fd, events, millis) != 0;
    }

    /** @return how many waits spun so far (tests) */
    int spins() {
        return spin.spins();
    }
}
