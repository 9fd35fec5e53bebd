package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.OptionalInt;

/**
 * Process ids, signals and reaping: {@code getpid}, {@code getppid}, {@code kill},
 * {@code waitpid}, {@code pidfd_open}, and the decoding of wait statuses into our exit-code
 * convention: n for {@code exit(n)}, -N for death by signal N.
 *
 * <p><b>Why not {@code prctl(PR_SET_PDEATHSIG)}</b> to end children with their parent:
 * it must run in the child between fork and exec, and {@code posix_spawn} has no hook for that;
 * a child JVM calling it on itself races with the parent's death (it would also have to compare
 * {@link #getppid()} afterwards); and the signal fires when the <em>thread</em> that spawned the
 * child exits, not the process, so a child spawned from a short-lived JVM thread would be killed
 * while its parent lives. Children notice their parent's death instead by EOF (POLLHUP) on an
 * inherited socket or pipe end, which the kernel closes when the parent dies however it dies.
 */
public final class Processes {
    // <signal.h>: x86_64 and aarch64 share the generic Linux signal numbers.
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    /** waitpid option: return at once if no child has changed state. */
    public static final int WNOHANG = 1;

    private static final MethodHandle GETPID = Ffi.downcall("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPPID = Ffi.downcall("getppid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle KILL = Ffi.downcallWithErrno("kill",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WAITPID = Ffi.downcallWithErrno("waitpid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code long syscall(long number, ...)} called as {@code syscall(SYS_pidfd_open, pid, flags)}. */
    private static final MethodHandle SYSCALL_PIDFD_OPEN = Ffi.downcallWithErrno("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(1));

    /**
     * What {@code waitpid} reported.
     *
     * @param pid the child that changed state, or 0 with {@code WNOHANG} when none has
     * @param status the raw wait status
     */
    public record WaitResult(int pid, int status) {
        /** @return whether a child changed state (false after WNOHANG found none) */
        public boolean reaped() {
            return pid != 0;
        }

        /**
         * @return the exit code in our convention
         * @throws IllegalStateException if nothing was reaped or the child only stopped
         */
        public int exitCode() {
            if (!reaped()) {
                throw new IllegalStateException("waitpid reported no child (WNOHANG, still running)");
            }
            return Processes.exitCode(status);
        }
    }

    private Processes() {}

    /** @return this process's id */
    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /** @return the parent's process id (1 or a subreaper's once the parent has died) */
    public static int getppid() {
        try {
            return (int) GETPPID.invokeExact();
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Sends a signal.
     *
     * @param pid the process (negative: a process group)
     * @param signal e.g. {@link #SIGTERM}; 0 only checks that the process exists
     * @throws PosixException if the call fails (ESRCH: no such process, EPERM: not allowed)
     */
    public static void kill(int pid, int signal) {
        try {
            MemorySegment state = Ffi.callState();
            if ((int) KILL.invokeExact(state, pid, signal) != 0) {
                throw new PosixException("kill", "kill(" + pid + ", " + signal + ")", Ffi.errno(state));
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Checks whether a process exists (including an unreaped zombie), with {@code kill(pid, 0)}.
     *
     * @param pid the process
     * @return false only if no such process exists (ESRCH)
     * @throws PosixException on other failures
     */
    public static boolean exists(int pid) {
        try {
            kill(pid, 0);
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.ESRCH) {
                return false;
            }
            if (e.errno() == Errno.EPERM) { // it exists, it is just not ours to signal
                return true;
            }
            throw e;
        }
    }

    /**
     * Calls {@code waitpid}, retrying on EINTR. Without {@link #WNOHANG} this blocks the calling
     * (carrier) thread until the child changes state, and cannot be interrupted.
     *
     * @param pid the child, or -1 for any child (which would also reap, and so break, children
     *     that {@link java.lang.ProcessBuilder} started: avoid)
     * @param options 0 or {@link #WNOHANG}
     * @return the result
     * @throws PosixException if the call fails (ECHILD: not our child, or already reaped)
     */
    public static WaitResult waitpid(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment state = Ffi.callState();
            while (true) {
                int reaped = (int) WAITPID.invokeExact(state, pid, status, options);
                if (reaped >= 0) {
                    return new WaitResult(reaped, reaped == 0 ? 0 : status.get(JAVA_INT, 0));
                }
                int errno = Ffi.errno(state);
                if (errno != Errno.EINTR) {
                    throw new PosixException("waitpid", "waitpid(" + pid + ", ..., " + options + ")", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Waits for a child to end and reaps it.
     *
     * @param pid the child
     * @return its exit code: n after {@code exit(n)}, -N after signal N
     * @throws PosixException if the call fails
     */
    public static int waitFor(int pid) {
        while (true) {
            WaitResult result = waitpid(pid, 0);
            if (isExited(result.status()) || isSignaled(result.status())) {
                return exitCode(result.status());
            }
            // stopped or continued (only reported with WUNTRACED/WCONTINUED): keep waiting
        }
    }

    /**
     * Reaps a child if it has ended, without blocking.
     *
     * @param pid the child
     * @return its exit code, or empty while it runs
     * @throws PosixException if the call fails
     */
    public static OptionalInt tryWait(int pid) {
        WaitResult result = waitpid(pid, WNOHANG);
        return result.reaped() && (isExited(result.status()) || isSignaled(result.status()))
                ? OptionalInt.of(exitCode(result.status()))
                : OptionalInt.empty();
    }

    /**
     * Opens a pidfd (Linux 5.3+): a close-on-exec descriptor that {@link Descriptors#poll} reports
     * readable when the process ends, which allows waiting with a timeout.
     *
     * @param pid the process
     * @return the descriptor
     * @throws PosixException if the call fails (ENOSYS on older kernels, ESRCH if it is gone)
     */
    public static int pidfdOpen(int pid) {
        try {
            MemorySegment state = Ffi.callState();
            long fd = (long) SYSCALL_PIDFD_OPEN.invokeExact(state, Platform.arch().sysPidfdOpen(), pid, 0);
            if (fd < 0) {
                throw new PosixException("pidfd_open", "syscall(SYS_pidfd_open, " + pid + ", 0)", Ffi.errno(state));
            }
            return (int) fd;
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    // The W* macros of <sys/wait.h>, identical on x86_64 and aarch64:
    // status bits 0-6 = terminating signal (0: exited, 0x7f: stopped), bits 8-15 = exit status.

    /** @param status a wait status @return WIFEXITED */
    public static boolean isExited(int status) {
        return (status & 0x7f) == 0;
    }

    /** @param status a wait status @return WEXITSTATUS (meaningful if {@link #isExited}) */
    public static int exitStatus(int status) {
        return (status >> 8) & 0xff;
    }

    /** @param status a wait status @return WIFSIGNALED */
    public static boolean isSignaled(int status) {
        int signal = status & 0x7f;
        return signal != 0 && signal != 0x7f;
    }

    /** @param status a wait status @return WTERMSIG (meaningful if {@link #isSignaled}) */
    public static int termSignal(int status) {
        return status & 0x7f;
    }

    /**
     * Decodes a wait status into our exit-code convention.
     *
     * @param status a wait status of a child that ended
     * @return n after {@code exit(n)}, -N after death by signal N
     * @throws IllegalArgumentException if the status says stopped or continued, not ended
     */
    public static int exitCode(int status) {
        if (isExited(status)) {
            return exitStatus(status);
        }
        if (isSignaled(status)) {
            return -termSignal(status);
        }
        throw new IllegalArgumentException("wait status 0x" + Integer.toHexString(status) + " is not an ending");
    }
}
