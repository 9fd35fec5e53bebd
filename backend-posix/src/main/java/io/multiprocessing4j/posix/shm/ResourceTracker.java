package io.multiprocessing4j.posix.shm;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Processes;
import io.multiprocessing4j.posix.ffi.Spawn;
import io.multiprocessing4j.posix.process.ExitWait;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's resource tracker, without a second JVM: a tiny {@code /bin/sh} child that reads, on its
 * standard input, the name of every shared memory object a context creates, and when that input
 * ends removes {@code /dev/shm/<name>} and {@code /dev/shm/<name>-*} (the spill segments a queue
 * derives from its own name). The input ends when the context closes it, or when the context's
 * process dies however it dies (the kernel closes the pipe), so a SIGKILLed owner leaks nothing.
 *
 * <p>Why a shell: it costs one {@code posix_spawn} (about a millisecond) and a few hundred
 * kilobytes, where a tracker JVM would cost 50 ms and 40 MB; it needs nothing but {@code sh} and
 * {@code rm}. It runs in its own process group, so a Ctrl-C aimed at the owner's group does not kill
 * it before it cleans up. Only names of our own form ({@code mp4j-} and lower-case hex) are
 * accepted, so nothing else can be removed through it. The write end of its pipe is close-on-exec
 * and never mapped into children, so only the owner's death ends the input.
 *
 * <p>A context whose objects are already unlinked at close still lets the tracker run its removal:
 * {@code rm -f} of a missing file does nothing.
 */
final class ResourceTracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ResourceTracker.class.getName());
    private static final String SHM_DIRECTORY = "/dev/shm";
    private static final String SCRIPT = """
            set --
            while IFS= read -r n; do
              case "$n" in
                mp4j-*) case "${n#mp4j-}" in ''|*[!0-9a-f]*) ;; *) set -- "$@" "$n" ;; esac ;;
              esac
            done
            cd %s || exit 0
            for n in "$@"; do rm -f -- "$n" "$n"-*; done
            """.formatted(SHM_DIRECTORY);

    private final int pid;
    private int writeFd;

    private ResourceTracker(int pid, int writeFd) {
        this.pid = pid;
        this.writeFd = writeFd;
    }

    /**
     * Starts a tracker.
     *
     * @return the tracker, or null if {@code /bin/sh} cannot be started (a warning is logged; the
     *     context then cleans up only when closed)
     */
    static ResourceTracker start() {
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            int pid = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", SCRIPT))
                    .mapFd(pipe[0], 0).newProcessGroup(true).spawn();
            Descriptors.close(pipe[0]);
            return new ResourceTracker(pid, pipe[1]);
        } catch (PosixException e) {
            Descriptors.close(pipe[0]);
            Descriptors.close(pipe[1]);
            LOG.log(Level.WARNING, "cannot start the shared memory tracker (/bin/sh): a crashed owner's"
                    + " segments will stay in " + SHM_DIRECTORY, e);
            return null;
        }
    }

    /** @return the tracker's pid */
    int pid() {
        return pid;
    }

    /**
     * Records a name for removal when the owner goes.
     *
     * @param name {@code /mp4j-<hex>}
     */
    synchronized void track(String name) {
        if (writeFd < 0) {
            return;
        }
        try {
            Descriptors.writeFully(writeFd, (name.substring(1) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (PosixException e) {
            LOG.log(Level.WARNING, "the shared memory tracker (pid " + pid + ") is gone; " + name
                    + " will not be removed if this process crashes", e);
        }
    }

    /** Ends the tracker's input, which makes it remove every name it was given, and reaps it. */
    @Override
    public void close() {
        synchronized (this) {
            if (writeFd < 0) {
                return;
            }
            Descriptors.close(writeFd);
            writeFd = -1;
        }
        boolean interrupted = false;
        try {
            int pidfd = ExitWait.pidfdOrNone(pid);
            try {
                if (ExitWait.await(pid, pidfd, TimeUnit.SECONDS.toNanos(5)).isEmpty()) {
                    LOG.log(Level.WARNING, "the shared memory tracker (pid " + pid + ") did not end; killing it");
                    Processes.kill(pid, Processes.SIGKILL);
                    Processes.waitFor(pid);
                }
            } finally {
                if (pidfd >= 0) {
                    Descriptors.close(pidfd);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true; // the tracker finishes on its own; init reaps it if we cannot
        } catch (PosixException e) {
            LOG.log(Level.DEBUG, "reaping the shared memory tracker failed", e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
