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

    private final Supplier<Context> opener;
    private final TimeScale scale;
    private final Duration timeout;
    private final String unavailable;
    private Context shared;

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
        if (shared == null) {
            shared = opener.get();
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tck-" + check.id());
            t.setDaemon(true);
            return t;
        });
        try (TckEnv env = new TckEnv(shared, scale, opener)) {
            Future<Object> f = executor.submit(() -> check.body().run(env));
            try {
                return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new AssertionError(check.id() + " did not finish within " + timeout + " (something hangs)");
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
