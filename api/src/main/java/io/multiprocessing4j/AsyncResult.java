package io.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The pending result of a pool call: Python's {@code AsyncResult}. Unlike {@link java.util.concurrent.Future}
 * it throws unchecked exceptions, as Python's does; {@link #toCompletableFuture()} bridges to
 * Java's futures.
 *
 * @param <R> the result type
 */
public interface AsyncResult<R> {
    /**
     * Waits for the result.
     *
     * @return the result
     * @throws RemoteException if the task threw (the cause is its exception, remote stack kept)
     * @throws WorkerLostException if the worker running it died
     * @throws CallbackException if the result's callback or error callback threw
     * @throws java.util.concurrent.CancellationException if the pool was terminated first
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    R get();

    /**
     * Waits at most {@code timeout} for the result.
     *
     * @param timeout the longest wait
     * @return the result
     * @throws ResultTimeoutException if it is not ready in time
     * @throws RemoteException if the task threw
     * @throws WorkerLostException if the worker running it died
     * @throws CallbackException if the result's callback or error callback threw
     * @throws java.util.concurrent.CancellationException if the pool was terminated first
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    R get(Duration timeout);

    /** @return whether the call has completed (Python's {@code ready()}) */
    boolean ready();

    /**
     * @return whether the call completed without an exception
     * @throws IllegalStateException if it is not ready yet (as Python's {@code ValueError})
     */
    boolean successful();

    /**
     * Waits until the result is ready. Python's {@code wait()}.
     *
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void await();

    /**
     * Waits at most {@code timeout} until the result is ready.
     *
     * @param timeout the longest wait
     * @return whether it is ready
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    boolean await(Duration timeout);

    /**
     * @return a future completed with the result, or exceptionally with what {@link #get()} would
     *     throw
     */
    CompletableFuture<R> toCompletableFuture();
}
