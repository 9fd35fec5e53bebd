package io.multiprocessing4j.tck;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.examples.TimeScale;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * Runs checks against one backend, each bounded by a timeout, sharing one context that is opened
 * on first use. Used by {@link MultiprocessingTck} and by the comparison report.
 */
public final class CheckRunner implements AutoCloseable {
    /** How one check ended. */
    public enum Status {
        /** It held. */
        PASSED,
        /** It did not (an assertion or an unexpected exception). */
        FAILED,
        /** It could not run here (backend or feature unavailable). */
        SKIPPED
    }

    /**
     * The outcome of one check.
     *
     * @param status passed, failed or skipped
     * @param millis how long it took
     * @param value what it observed, or null
     * @param failure why it failed or was skipped, or null
     */
    public record Outcome(Status status, long millis, Object value, Throwable failure) {
    }

    /** How long a timed-out check's thread gets to end after its interrupt. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final Supplier<Context> opener;
    private final TimeScale scale;
    private final Duration timeout;
    private final String unavailable;
    private Context shared;
    /** The check that hung and whose thread never ended, if any: later checks are not run. */
    private String wedgedBy;

    /**
     * @param opener opens a context of the backend under test
     * @param scale the examples' time scale
     * @param timeout the longest a check may take
     * @param unavailable why the backend cannot run here, or null if it can
     */
    public CheckRunner(Supplier<Context> opener, TimeScale scale, Duration timeout, String unavailable) {
        this.opener = opener;
        this.scale = scale;
        this.timeout = timeout;
        this.unavailable = unavailable;
    }

    /**
     * Runs a check and throws as JUnit expects: {@link TestAbortedException} to skip, anything
     * else to fail.
     *
     * @param check the check
     * @return what it observed
     * @throws Throwable the check's failure
     */
    public Object runOrThrow(Check check) throws Throwable {
        if (unavailable != null) {
            throw new TestAbortedException("backend unavailable: " + unavailable);
        }
        if (wedgedBy != null) {
            // The hung check's thread may still hold the captured standard streams and the shared
            // context; running more checks would make each of them wait out its own timeout too.
            throw new AssertionError(check.id() + " not run: check " + wedgedBy
                    + " hung and its thread is still running, so this backend's shared state is suspect");
        }
        if (shared == null) {
            shared = opener.get();
        }
        Thread[] worker = new Thread[1];
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tck-" + check.id());
            t.setDaemon(true);
            worker[0] = t;
            return t;
        });
        try (TckEnv env = new TckEnv(shared, scale, opener)) {
            Future<Object> f = executor.submit(() -> check.body().run(env));
            try {
                return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                Thread stuck = worker[0];
                StackTraceElement[] where = stuck == null ? new StackTraceElement[0] : stuck.getStackTrace();
                if (stuck != null) {
                    stuck.join(INTERRUPT_GRACE);
                    if (stuck.isAlive()) {
                        wedgedBy = check.id();
                    }
                }
                AssertionError error = new AssertionError(check.id() + " did not finish within " + timeout
                        + " (something hangs); the check's stack when it timed out is this error's stack trace");
                error.setStackTrace(where);
                throw error;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (check.needs() != null && cause instanceof UnsupportedOperationException) {
                    throw new TestAbortedException(check.needs() + " not available on this backend: " + cause.getMessage(), cause);
                }
                throw cause;
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Runs a check and reports how it ended, never throwing.
     *
     * @param check the check
     * @return its outcome
     */
    public Outcome run(Check check) {
        long t0 = System.nanoTime();
        try {
            Object value = runOrThrow(check);
            return new Outcome(Status.PASSED, (System.nanoTime() - t0) / 1_000_000, value, null);
        } catch (TestAbortedException e) {
            return new Outcome(Status.SKIPPED, (System.nanoTime() - t0) / 1_000_000, null, e);
        } catch (Throwable e) {
            return new Outcome(Status.FAILED, (System.nanoTime() - t0) / 1_000_000, null, e);
        }
    }

    /** Closes the shared context, if it was opened. */
    @Override
    public void close() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }
}
