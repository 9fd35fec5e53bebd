package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.CallbackException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.ResultTimeoutException;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.channel.SpinPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The pending result of one pool call. The pool's result thread {@linkplain #succeed succeeds} or
 * {@linkplain #fail fails} it once; its callback runs first, there, so that {@code get()} returns
 * after the callback did, as in Python.
 *
 * @param <R> the result type
 */
final class PoolResult<R> implements AsyncResult<R> {
    private static final System.Logger LOG = System.getLogger(PoolResult.class.getName());

    /**
     * How long a waiting thread looks before it blocks: a small task's answer comes within tens
     * of microseconds, while a blocked thread's wake-up alone costs ~20–40 µs here (the result
     * comes from a reader thread, which would have to wake us). Looking means {@code Thread.yield()}
     * rather than a busy spin: on two cores the worker and the reader also want a CPU, and a
     * yield gives it to them. Not on one CPU (see {@link SpinPolicy#SEVERAL_CPUS}).
     */
    private static final long SPIN_NANOS = SpinPolicy.SEVERAL_CPUS ? 50_000 : 0;
    /** Per waiting thread: one that waits for long tasks soon stops looking (see {@link SpinPolicy}). */
    private static final ThreadLocal<SpinPolicy> SPIN = ThreadLocal.withInitial(SpinPolicy::new);

    private final CompletableFuture<R> future = new CompletableFuture<>();
    private final String description;
    private final Consumer<? super R> callback;
    private final Consumer<? super Throwable> errorCallback;

    PoolResult(String description, Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        this.description = description;
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    /** Runs the callback, then completes; on the result thread. */
    void succeed(R value) {
        if (future.isDone()) {
            return;
        }
        if (callback != null) {
            try {
                callback.accept(value);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "callback of " + description + " threw", t);
                future.completeExceptionally(new CallbackException("the callback of " + description + " threw " + t, t));
                return;
            }
        }
        future.complete(value);
    }

    /** Runs the error callback (not for a cancellation, as Python's terminate), then fails; on the result thread. */
    void fail(Throwable error) {
        if (future.isDone()) {
            return;
        }
        if (errorCallback != null && !(error instanceof CancellationException)) {
            try {
                errorCallback.accept(error);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "error callback of " + description + " threw", t);
                CallbackException ce = new CallbackException("the error callback of " + description + " threw " + t, t);
                ce.addSuppressed(error);
                future.completeExceptionally(ce);
                return;
            }
        }
        future.completeExceptionally(error);
    }

    /** Cancels without running callbacks (terminate, or {@code Future.cancel}); @return whether this call did it. */
    boolean cancel(String why) {
        return future.completeExceptionally(new CancellationException(why));
    }

    boolean isCancelled() {
        return future.isCancelled() || future.isCompletedExceptionally() && failure() instanceof CancellationException;
    }

    String description() {
        return description;
    }

    /** @return whether a callback or error callback must run before completion */
    boolean hasCallbacks() {
        return callback != null || errorCallback != null;
    }

    @Override
    public R get() {
        lookBriefly();
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public R get(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (nanos > SPIN_NANOS) {
            lookBriefly();
        }
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new ResultTimeoutException(description + " was not ready within " + timeout);
        }
    }

    /** As {@link java.util.concurrent.Future#get()}, for {@link PoolFuture}. */
    R futureGet(long nanos) throws InterruptedException, ExecutionException, TimeoutException {
        if (nanos > SPIN_NANOS) {
            lookBriefly();
        }
        try {
            return nanos == Long.MAX_VALUE ? future.get() : future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException ce) {
                throw ce;
            }
            Throwable cause = e.getCause();
            // Future.get's cause is the task's own exception, as ThreadPoolExecutor gives it.
            if (cause instanceof io.multiprocessing4j.RemoteException re && re.getCause() != null) {
                cause = re.getCause();
            }
            throw new ExecutionException(cause.getMessage(), cause);
        }
    }

    @Override
    public boolean ready() {
        return future.isDone();
    }

    @Override
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException(description + " is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    @Override
    public void await() {
        try {
            future.handle((v, e) -> null).get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        try {
            future.handle((v, e) -> null).get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        return future.copy();
    }

    Throwable failure() {
        return future.exceptionNow();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }

    private ProcessInterruptedException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProcessInterruptedException("interrupted while waiting for " + description);
    }

    @Override
    public String toString() {
        return "AsyncResult[" + description + (future.isDone() ? ", ready]" : "]");
    }

    /** Looks for the outcome for up to {@link #SPIN_NANOS} before the caller blocks, if that has paid off lately. */
    private void lookBriefly() {
        if (SPIN_NANOS == 0 || future.isDone() || Thread.currentThread().isVirtual()) {
            return; // a virtual thread would hold its carrier while looking
        }
        SpinPolicy policy = SPIN.get();
        if (!policy.shouldSpin()) {
            return;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
            Thread.yield();
            if (future.isDone()) {
                policy.hit();
                return;
            }
        } while (System.nanoTime() - deadline < 0);
        policy.miss();
    }
}
