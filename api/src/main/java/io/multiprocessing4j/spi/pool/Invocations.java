package io.multiprocessing4j.spi.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code invokeAll} and {@code invokeAny} of {@link GenericPool}, on top of its {@code submit}. */
final class Invocations {
    private Invocations() {
    }

    /**
     * Submits every task and waits for all (or until the deadline, cancelling those not done).
     *
     * @param nanos the longest wait; {@link Long#MAX_VALUE} for none
     */
    static <T> List<Future<T>> all(GenericPool pool, Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException {
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        List<Future<T>> futures = submitAll(pool, tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    if (deadline == Long.MAX_VALUE) {
                        f.get();
                    } else {
                        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    }
                } catch (ExecutionException | CancellationException e) {
                    // reported through the future
                } catch (TimeoutException e) {
                    futures.forEach(g -> g.cancel(true));
                    break;
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    private static <T> List<Future<T>> submitAll(GenericPool pool, Collection<? extends Callable<T>> tasks) {
        java.util.Objects.requireNonNull(tasks, "tasks");
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    /**
     * The first task to succeed wins; the others are cancelled.
     *
     * @param nanos the longest wait; {@link Long#MAX_VALUE} for none
     */
    static <T> T any(GenericPool pool, Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        List<Future<T>> futures = submitAll(pool, tasks);
        try {
            ExecutionException last = null;
            List<Future<T>> open = new ArrayList<>(futures);
            while (true) {
                for (var it = open.iterator(); it.hasNext(); ) {
                    Future<T> f = it.next();
                    if (f.isDone()) {
                        it.remove();
                        try {
                            return f.get();
                        } catch (ExecutionException e) {
                            last = e;
                        } catch (CancellationException e) {
                            last = new ExecutionException("task was cancelled", e);
                        }
                    }
                }
                if (open.isEmpty()) {
                    throw last;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no task of invokeAny completed in time");
                }
                // Wait on the oldest open task for a short slice, then look at all of them again.
                try {
                    open.get(0).get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException | CancellationException e) {
                    // looked at in the next round
                }
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }
}
