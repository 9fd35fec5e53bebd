package io.multiprocessing4j.posix.process;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Processes;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, with a bound, for a child of ours to end, and reaps it. {@code waitpid} cannot time out
 * or be interrupted, so this polls a pidfd (Linux 5.3+) in slices, or, where pidfds are missing,
 * tries {@code waitpid(WNOHANG)} with a backoff from 50 µs to 10 ms.
 */
public final class ExitWait {
    /** Longest single blocking call, so interrupts are seen within it. */
    static final int SLICE_MILLIS = 100;

    private ExitWait() {
    }

    /**
     * Waits for {@code pid} to end and reaps it.
     *
     * @param pid a child of this process, not yet reaped
     * @param pidfd its pidfd, or -1
     * @param timeoutNanos the longest wait ({@link Long#MAX_VALUE}: no limit)
     * @return its exit code, or empty if it still runs
     * @throws PosixException if it is not our child
     * @throws InterruptedException if interrupted while waiting
     */
    public static OptionalInt await(int pid, int pidfd, long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        long park = 50_000;
        while (true) {
            OptionalInt code = Processes.tryWait(pid);
            if (code.isPresent()) {
                return code;
            }
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return OptionalInt.empty();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for pid " + pid);
            }
            if (pidfd >= 0) {
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                Descriptors.poll(pidfd, Descriptors.POLLIN, (int) Math.min(SLICE_MILLIS, millis));
            } else {
                LockSupport.parkNanos(Math.min(park, left));
                park = Math.min(park * 2, 10_000_000);
            }
        }
    }

    /**
     * Opens a pidfd for a child, or returns -1 where the kernel has none.
     *
     * @param pid the child
     * @return the pidfd (close-on-exec) or -1
     */
    public static int pidfdOrNone(int pid) {
        try {
            return Processes.pidfdOpen(pid);
        } catch (PosixException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
