package io.multiprocessing4j.spi.pool;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Future} of {@code submit}: {@code get()} throws {@link ExecutionException} whose
 * cause is the task's own exception (remote stack kept), as {@code ThreadPoolExecutor} does.
 * {@link #cancel} fails the future at once; a task not yet started then never runs, one already
 * running finishes in its worker and its result is dropped.
 *
 * @param <R> the result type
 */
final class PoolFuture<R> implements Future<R> {
    private final PoolResult<?> result;
    private final boolean fixed;
    private final R fixedValue;

    /** @param result the pending result @param fixed whether to return {@code fixedValue} instead (submit(Runnable, T)) @param fixedValue that value */
    PoolFuture(PoolResult<?> result, boolean fixed, R fixedValue) {
        this.result = result;
        this.fixed = fixed;
        this.fixedValue = fixedValue;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return result.cancel("cancelled by Future.cancel");
    }

    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    @Override
    public boolean isDone() {
        return result.ready();
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        try {
            return value(result.futureGet(Long.MAX_VALUE));
        } catch (TimeoutException e) {
            throw new IllegalStateException("untimed wait timed out", e);
        }
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long nanos = unit.toNanos(timeout);
        return value(result.futureGet(Math.max(0, nanos == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : nanos)));
    }

    @SuppressWarnings("unchecked")
    private R value(Object v) {
        return fixed ? fixedValue : (R) v;
    }

    @Override
    public String toString() {
        return "Future[" + result + "]";
    }
}
