package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import java.time.Duration;
import java.util.List;

/**
 * What every benchmark does around its timed region: open the backend, wait until a child says
 * it is ready (so start-up stays outside the measurement, as in the Python baseline), and stop
 * children at the end without ever waiting forever. Benchmark children are daemons: if a set-up
 * fails half-way, the JMH fork's exit ends them instead of waiting for them.
 */
public final class Children {
    /** The word a child sends on its control connection once it is set up. */
    public static final String READY = "ready";
    /** How long a child may take to become ready (a cold JVM on a loaded 2-core VM). */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Children() {
    }

    /**
     * Opens a context on a backend by name.
     *
     * @param backend the backend
     * @return the context
     * @throws io.multiprocessing4j.BackendUnavailableException if it is unavailable
     */
    public static Context open(String backend) {
        return Multiprocessing.context(backend, ContextOptions.DEFAULTS);
    }

    /**
     * Waits for a child's {@link #READY}.
     *
     * @param ctl the parent's end of the child's control pipe
     * @throws IllegalStateException if the child sent something else
     * @throws io.multiprocessing4j.OperationTimeoutException after {@link #READY_TIMEOUT}
     */
    public static void awaitReady(Connection ctl) {
        Object m = ctl.recv(READY_TIMEOUT);
        if (!READY.equals(m)) {
            throw new IllegalStateException("child sent " + m + " instead of " + READY);
        }
    }

    /**
     * Expects one reply from a child.
     *
     * @param <T> its type
     * @param ctl the control connection
     * @return the reply
     * @throws io.multiprocessing4j.OperationTimeoutException if none came within a minute
     */
    public static <T> T reply(Connection ctl) {
        return ctl.recv(Duration.ofSeconds(60));
    }

    /**
     * Tells children to stop (a null command), joins them, terminates any that linger, then
     * closes the context. Never throws: it runs in tear-downs, after the figures are taken.
     *
     * @param mp the context, or null
     * @param ps the children
     * @param ctls their control connections
     */
    public static void stop(Context mp, List<ChildProcess> ps, List<Connection> ctls) {
        for (Connection c : ctls) {
            try {
                c.send(null);
            } catch (RuntimeException ignored) {
                // already gone: joining below tells
            }
        }
        for (ChildProcess p : ps) {
            try {
                if (!p.join(STOP_TIMEOUT)) {
                    System.err.println("benchmark child " + p.name() + " did not stop; terminating it");
                    p.terminate();
                    p.join(STOP_TIMEOUT);
                }
            } catch (RuntimeException e) {
                System.err.println("stopping " + p.name() + ": " + e);
            }
        }
        for (Connection c : ctls) {
            c.close();
        }
        if (mp != null) {
            mp.close();
        }
    }
}
