package io.multiprocessing4j;

import io.multiprocessing4j.spi.BackendRegistry;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ProcessScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The entry point: choose a backend, ask who the current process is, end it. Python's module-level
 * functions of {@code multiprocessing}.
 *
 * <p>The default backend is named by the system property {@code multiprocessing4j.backend}, else
 * the environment variable {@code MULTIPROCESSING4J_BACKEND}, else it is the available backend with
 * the highest priority (posix, then forkjvm, then threads). A child process uses its parent's
 * backend.
 */
public final class Multiprocessing {
    private static volatile BackendRegistry registry;

    private Multiprocessing() {
    }

    /**
     * Opens a context on the default backend.
     *
     * @return the context; close it to end its children and free its resources
     * @throws BackendUnavailableException if no backend is available, or the configured one is
     *     unknown or unavailable (the message lists what was found and why)
     */
    public static Context context() {
        return context(null, ContextOptions.DEFAULTS);
    }

    /**
     * Opens a context on a named backend. Python's {@code get_context(name)}.
     *
     * @param backend the backend's name ({@code "threads"}, {@code "forkjvm"}, {@code "posix"})
     * @return the context
     * @throws NullPointerException if {@code backend} is null
     * @throws BackendUnavailableException if it is unknown or unavailable (the message lists what
     *     is available and why the others are not)
     */
    public static Context context(String backend) {
        return context(Objects.requireNonNull(backend, "backend"), ContextOptions.DEFAULTS);
    }

    /**
     * Opens a context with settings.
     *
     * @param backend the backend's name, or null for the default
     * @param options settings for child JVMs and spare processes
     * @return the context
     * @throws NullPointerException if {@code options} is null
     * @throws BackendUnavailableException if the backend is unknown or unavailable
     */
    public static Context context(String backend, ContextOptions options) {
        Objects.requireNonNull(options, "options");
        return registry().select(backend).open(options);
    }

    /** @return every backend found on the class path: name, priority, available or why not, capabilities */
    public static List<BackendInfo> backends() {
        return registry().list();
    }

    /** @return the calling process: {@code "MainProcess"} at the root; per thread on the threads backend */
    public static ProcessInfo currentProcess() {
        return ProcessScope.current().self();
    }

    /** @return the calling process's parent; empty at the root, as Python's {@code parent_process()} */
    public static Optional<ProcessInfo> parentProcess() {
        return ProcessScope.current().parent();
    }

    /**
     * The number of CPUs this process may use: {@link Runtime#availableProcessors()}, which follows
     * CPU affinity and container limits (CPython 3.11's {@code cpu_count()} does not; 3.13's
     * {@code process_cpu_count()} does).
     *
     * @return the CPU count, at least 1
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Ends the calling process with {@code code}, as Python's {@code os._exit(n)}/{@code sys.exit(n)}.
     * The code is reduced to 8 bits, as POSIX does ({@code exit(256)} gives 0). On the threads
     * backend it ends only that "process" (its thread); in the main process it ends the JVM.
     *
     * @param code the exit code
     */
    public static void exit(int code) {
        ProcessScope.current().exit(code & 0xFF, null);
    }

    /**
     * Ends the calling process with exit code 1 after printing {@code message} to its standard
     * error, as Python's {@code sys.exit("msg")}; a null message exits with 0, as
     * {@code sys.exit(None)}.
     *
     * @param message what to print
     */
    public static void exit(String message) {
        ProcessScope.current().exit(message == null ? 0 : 1, message);
    }

    /**
     * Waits until at least one of {@code objects} is ready, as Python's
     * {@code multiprocessing.connection.wait}: a {@link ChildProcess} is ready when it has ended, a
     * {@link Connection} when a message or EOF can be read.
     *
     * @param objects processes and connections
     * @param timeout the longest wait
     * @return the ready ones, in the given order (empty on timeout)
     * @throws NullPointerException if an argument or element is null
     * @throws IllegalArgumentException if an element is neither a process nor a connection, or
     *     {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public static List<Object> waitAny(Collection<?> objects, Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        for (Object o : objects) {
            Objects.requireNonNull(o, "objects contains null");
            if (!(o instanceof ChildProcess) && !(o instanceof Connection)) {
                throw new IllegalArgumentException("waitAny takes processes and connections, not " + o.getClass().getName());
            }
        }
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        // Backoff from 50 µs to 2 ms: cheap for short waits, negligible CPU for long ones.
        long park = 50_000;
        while (true) {
            List<Object> ready = new ArrayList<>();
            for (Object o : objects) {
                if (o instanceof ChildProcess p ? p.exitCode() != null : ((Connection) o).poll()) {
                    ready.add(o);
                }
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return ready;
            }
            LockSupport.parkNanos(Math.min(park, left));
            park = Math.min(park * 2, 2_000_000);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ProcessInterruptedException("interrupted in waitAny");
            }
        }
    }

    /**
     * As {@link #waitAny(Collection, Duration)} with no timeout.
     *
     * @param objects processes and connections
     * @return the ready ones
     * @throws NullPointerException if {@code objects} or an element is null
     * @throws IllegalArgumentException if an element is neither a process nor a connection
     */
    public static List<Object> waitAny(Collection<?> objects) {
        return waitAny(objects, Duration.ofNanos(Long.MAX_VALUE));
    }

    private static BackendRegistry registry() {
        BackendRegistry r = registry;
        if (r == null) {
            r = BackendRegistry.installed();
            registry = r;
        }
        return r;
    }
}
