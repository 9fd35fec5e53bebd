package io.multiprocessing4j.spi.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code invokeAny}: the first task to succeed wins, the others are cancelled. */
final class InvokeAny {
    private InvokeAny() {
    }

    static <T> T run(GenericPool pool, Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            ExecutionException last = null;
            List<Future<T>> open = new ArrayList<>(futures);
            while (!open.isEmpty()) {
                for (var it = open.iterator(); it.hasNext(); ) {
                    Future<T> f = it.next();
                    if (f.isDone()) {
                        it.remove();
                        try {
                            return f.get();
                        } catch (ExecutionException e) {
                            last = e;
                        } catch (java.util.concurrent.CancellationException e) {
                            last = new ExecutionException("task was cancelled", e);
                        }
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no task of invokeAny completed in time");
                }
                // Wait on the oldest open task for a short slice, then look at all again.
                try {
                    open.get(0).get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException e) {
                    // looked at in the next round
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }
}
