package io.multiprocessing4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * A pool of worker processes: Python's {@code multiprocessing.Pool}, as an {@link ExecutorService}.
 *
 * <table>
 * <caption>Python's Pool and this interface</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>{@code map, map_async, starmap, imap, imap_unordered}</td><td>{@link #map}, {@link #mapAsync}, {@link #starmap}, {@link #imap}, {@link #imapUnordered}</td></tr>
 * <tr><td>{@code apply, apply_async}</td><td>{@link #apply}, {@link #applyAsync}</td></tr>
 * <tr><td>{@code close()}</td><td>{@link #shutdown()}</td></tr>
 * <tr><td>{@code terminate()}</td><td>{@link #terminate()} (= {@link #shutdownNow()})</td></tr>
 * <tr><td>{@code join()}</td><td>{@link #join()}</td></tr>
 * <tr><td>{@code with Pool() as p:}</td><td>try-with-resources; {@link #close()} keeps {@code ExecutorService}'s contract (shut down and wait)</td></tr>
 * </table>
 *
 * <p>Tasks and their arguments are serialized at submission; a value that cannot be is refused in
 * the caller with {@link SerializationException}. A task's exception reaches the caller as the
 * cause of a {@link RemoteException} (Python-style calls) or an
 * {@link java.util.concurrent.ExecutionException} ({@code Future.get}). A worker that dies fails
 * its task with {@link WorkerLostException} and is replaced: the pool never hangs. Work submitted
 * after {@link #shutdown()} is refused with {@link java.util.concurrent.RejectedExecutionException}.
 */
public interface ProcessPool extends ExecutorService {
    /**
     * Applies {@code fn} to every item in the workers, with Python's default chunk size, and
     * waits for every result.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @return the results, in the items' order
     * @throws RemoteException if a task threw (the first failure, in order)
     * @throws WorkerLostException if a worker died running one
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     * @throws SerializationException if {@code fn} or an item cannot be serialized
     */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * As {@link #map(SerializableFunction, Iterable)}, sending {@code chunksize} items per message.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @param chunksize items per task message
     * @return the results, in the items' order
     * @throws IllegalArgumentException if {@code chunksize} is zero or negative
     */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /**
     * Starts a map and returns at once. Python's {@code map_async}.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @return the pending list of results
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Starts a map and returns at once, with callbacks run in this process on the pool's result
     * thread, as Python's {@code map_async(..., callback, error_callback)}.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @param chunksize items per task message (0: Python's default)
     * @param callback receives the whole list, or null
     * @param errorCallback receives the first failure, or null
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize} is negative
     */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    /**
     * Applies a two-argument function to every pair: Python's {@code starmap}. Each entry's key and
     * value are the two arguments ({@code Map.entry(a, b)} is fine: entries are unpacked here).
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param fn the function
     * @param argPairs the argument pairs
     * @return the results, in order
     * @throws RemoteException if a task threw
     */
    <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> argPairs);

    /**
     * A lazy map whose iterator yields results in order as they come: Python's {@code imap}.
     * At most a bounded number of items is in flight, so an endless input is fine.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items (read lazily)
     * @return an iterator over the results, in order; its {@code next()} throws
     *     {@link RemoteException} for a failed item
     */
    <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * As {@link #imap(SerializableFunction, Iterable)} with {@code chunksize} items per message.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @param chunksize items per task message
     * @return an iterator over the results, in order
     * @throws IllegalArgumentException if {@code chunksize} is zero or negative
     */
    <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /**
     * As {@link #imap(SerializableFunction, Iterable)}, yielding results as they complete, in any
     * order: Python's {@code imap_unordered}.
     *
     * @param <T> the item type
     * @param <R> the result type
     * @param fn the function
     * @param items the items
     * @return an iterator over the results, in completion order
     */
    <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Runs a task in a worker and waits for it: Python's {@code apply}.
     *
     * @param <R> the result type
     * @param task the task
     * @return its result
     * @throws RemoteException if it threw
     * @throws WorkerLostException if its worker died
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    <R> R apply(SerializableCallable<? extends R> task);

    /**
     * Runs {@code fn(arg)} in a worker and waits: Python's {@code apply(f, (x,))}.
     *
     * @param <T> the argument's type
     * @param <R> the result type
     * @param fn the function
     * @param arg its argument
     * @return the result
     * @throws RemoteException if it threw
     */
    <T, R> R apply(SerializableFunction<? super T, ? extends R> fn, T arg);

    /**
     * Runs {@code fn(a, b)} in a worker and waits: Python's {@code apply(f, (a, b))}.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param fn the function
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws RemoteException if it threw
     */
    <A, B, R> R apply(SerializableBiFunction<? super A, ? super B, ? extends R> fn, A a, B b);

    /**
     * Starts a task and returns at once: Python's {@code apply_async}.
     *
     * @param <R> the result type
     * @param task the task
     * @return the pending result
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task);

    /**
     * Starts {@code fn(arg)} and returns at once.
     *
     * @param <T> the argument's type
     * @param <R> the result type
     * @param fn the function
     * @param arg its argument
     * @return the pending result
     */
    <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg);

    /**
     * Starts {@code fn(a, b)} and returns at once.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param fn the function
     * @param a the first argument
     * @param b the second argument
     * @return the pending result
     */
    <A, B, R> AsyncResult<R> applyAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn, A a, B b);

    /**
     * Starts a task with callbacks, run in this process on the pool's result thread, as Python's
     * {@code apply_async(f, callback=..., error_callback=...)}. A callback that throws is logged,
     * never stops result delivery, and makes {@code get()} of this task throw
     * {@link CallbackException}.
     *
     * @param <R> the result type
     * @param task the task
     * @param callback receives the result, or null
     * @param errorCallback receives the failure, or null
     * @return the pending result
     */
    <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback);

    /**
     * Python's {@code terminate()}: stops the workers at once; pending and running work is
     * cancelled. The same as {@link #shutdownNow()} (which also returns what never started).
     */
    void terminate();

    /**
     * Waits for the workers to exit: Python's {@code join()}.
     *
     * @throws IllegalStateException if neither {@link #shutdown()} nor {@link #terminate()} was
     *     called first (Python's {@code ValueError: Pool is still running})
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void join();

    /**
     * Waits at most {@code timeout} for the workers to exit.
     *
     * @param timeout the longest wait
     * @return whether they all exited
     * @throws IllegalStateException if neither {@link #shutdown()} nor {@link #terminate()} was called
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean join(Duration timeout);

    /** @return the number of workers */
    int processes();

    /** @return the workers alive now, by name and pid */
    List<ProcessInfo> workers();
}
