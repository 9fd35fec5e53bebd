package io.multiprocessing4j.posix.process;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.channel.FdChannel;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Processes;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a child spawned by {@link PosixLauncher}. One platform thread per child
 * (a "monitor") polls, in slices of 100 ms, the child's pidfd and its stdout and stderr pipes:
 * it copies output into this JVM's current {@code System.out}/{@code System.err}, and reaps the
 * child with {@code waitpid(WNOHANG)} when its pidfd turns readable (or every slice where the
 * kernel has no pidfds), recording the exact status: n for {@code exit(n)}, -N for signal N. The
 * child JVM runs with {@code -Xrs}, so SIGTERM kills it by the default action and reports -15
 * exactly, as in Python, instead of running shutdown hooks and exiting 143.
 *
 * <p>{@link #join} returns once the child was reaped and its output pipes reached end of file, so
 * its output has been passed on; a grandchild that keeps a pipe open delays that by at most
 * {@value #DRAIN_LIMIT_MILLIS} ms. Signals are sent under the same lock as the reaping, so a pid
 * is never signalled after it was reaped (and possibly reused).
 */
public final class PosixProcessRuntime implements ProcessRuntime {
    static final long DRAIN_LIMIT_MILLIS = 2_000;
    private static final int SLICE_MILLIS = 100;

    private final int pid;
    private final FdChannel control;
    private final Object reapLock = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Integer exitCode;

    PosixProcessRuntime(int pid, int pidfd, int outFd, int errFd, FdChannel control) {
        this.pid = pid;
        this.control = control;
        Thread monitor = new Thread(() -> monitor(pidfd, outFd, errFd), "mp4j-posix-child-" + pid);
        monitor.setDaemon(true);
        monitor.start();
    }

    private void monitor(int pidfd, int outFd, int errFd) {
        int[] fds = {pidfd, outFd, errFd};
        byte[] buffer = new byte[64 * 1024];
        LineForwarder[] lines = {new LineForwarder(true), new LineForwarder(false)};
        long exitedAt = 0;
        try {
            while (true) {
                if (exitCode == null) {
                    reapIfEnded();
                    if (exitCode != null) {
                        exitedAt = System.nanoTime();
                        fds[0] = -1;
                    }
                }
                if (exitCode != null && (fds[1] < 0 && fds[2] < 0
                        || System.nanoTime() - exitedAt > TimeUnit.MILLISECONDS.toNanos(DRAIN_LIMIT_MILLIS))) {
                    return;
                }
                short[] events = {Descriptors.POLLIN, Descriptors.POLLIN, Descriptors.POLLIN};
                short[] revents = new short[3];
                Descriptors.poll(fds, events, revents, SLICE_MILLIS);
                for (int i = 1; i <= 2; i++) {
                    if (fds[i] >= 0 && revents[i] != 0) {
                        int n = Descriptors.read(fds[i], buffer, 0, buffer.length);
                        if (n <= 0) {
                            Descriptors.close(fds[i]);
                            fds[i] = -1;
                            lines[i - 1].flushAll();
                        } else {
                            lines[i - 1].add(buffer, n);
                        }
                    } else {
                        lines[i - 1].flushIfIdle(SLICE_MILLIS * 1_000_000L); // silent for a slice: pass on a partial line
                    }
                }
            }
        } catch (RuntimeException e) {
            System.getLogger(PosixProcessRuntime.class.getName()).log(System.Logger.Level.WARNING,
                    "monitoring child " + pid + " failed", e);
            while (exitCode == null) {
                reapBlocking();
            }
        } finally {
            for (LineForwarder l : lines) {
                l.flushAll();
            }
            for (int i = 1; i <= 2; i++) {
                if (fds[i] >= 0) {
                    Descriptors.close(fds[i]);
                }
            }
            if (pidfd >= 0) {
                Descriptors.close(pidfd);
            }
            control.close();
            finished.countDown();
        }
    }

    private void reapIfEnded() {
        synchronized (reapLock) {
            OptionalInt code = Processes.tryWait(pid);
            if (code.isPresent()) {
                exitCode = code.getAsInt();
            }
        }
    }

    private void reapBlocking() {
        try {
            OptionalInt code = ExitWait.await(pid, -1, TimeUnit.SECONDS.toNanos(1));
            code.ifPresent(c -> exitCode = c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (PosixException e) {
            exitCode = Integer.MIN_VALUE; // not our child any more: nothing to report
        }
    }

    /** @return the control channel (the launcher writes the launch request into it) */
    FdChannel control() {
        return control;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return exitCode == null;
    }

    @Override
    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public boolean join(long timeoutNanos) {
        try {
            if (timeoutNanos == Long.MAX_VALUE) {
                finished.await();
                return true;
            }
            return finished.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while joining process " + pid, e);
        }
    }

    @Override
    public void terminate() {
        signal(Processes.SIGTERM);
    }

    @Override
    public void kill() {
        signal(Processes.SIGKILL);
    }

    private void signal(int signal) {
        synchronized (reapLock) {
            if (exitCode != null) {
                return;
            }
            try {
                Processes.kill(pid, signal);
            } catch (PosixException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        // the monitor released everything when the child ended
    }

    @Override
    public String toString() {
        return "PosixProcess[pid " + pid + (exitCode == null ? ", running]" : ", exit " + exitCode + "]");
    }
}
