package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.SerializableBiFunction;
import io.multiprocessing4j.SerializableCallable;
import io.multiprocessing4j.SerializableFunction;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The pool every backend gets: workers are daemon {@link io.multiprocessing4j.ChildProcess}es named
 * {@code SpawnPoolWorker-N}, each fed task messages over its own pipe, which it runs in order (so
 * a worker's death fails exactly the task it ran, with {@link io.multiprocessing4j.WorkerLostException},
 * the task queued behind it goes to another worker, and the worker is replaced). A worker is given
 * a second, small task while it runs one, so that it never waits for the next; a task queued so
 * behind a long one waits for it. Tasks are serialized at submission on backends with
 * {@link io.multiprocessing4j.Capability#SERIALIZED_ARGUMENTS}; on the others nothing is.
 *
 * <p>Where CPython would hang, this pool does not: an initializer that throws fails the queued work
 * with a {@link io.multiprocessing4j.RemoteException} naming the initializer's worker, and the pool
 * stops accepting work ({@link RejectedExecutionException} with that error as cause) and winds
 * down as after {@link #shutdown()}. {@link #shutdownNow()} returns an empty list: tasks are
 * serialized at submission and their futures fail with
 * {@link java.util.concurrent.CancellationException} instead.
 *
 * <p>{@code imap} and {@code imapUnordered} read their input lazily, from the consumer's own
 * {@code hasNext()}/{@code next()} calls, keeping at most {@code 2 * processes} chunks in flight, so
 * an endless input works (CPython reads it all at once). Consume an {@code imap} before
 * {@link #shutdown()}: afterwards no more input is read; the results in flight are still
 * delivered, then {@code hasNext()} throws {@link RejectedExecutionException}. A failed chunk makes
 * one {@code next()} throw its error, and iteration goes on after it.
 *
 * <p>Blocking calls of {@link io.multiprocessing4j.AsyncResult}, {@link #join()} and the futures
 * all have timed forms; a task that never returns is the only thing that waits forever, and
 * {@link #terminate()} ends it.
 */
public final class GenericPool implements ProcessPool {
    private static final System.Logger LOG = System.getLogger(GenericPool.class.getName());

    private final PoolOptions options;
    private final PoolCore core;

    /**
     * Starts the workers.
     *
     * @param context the context whose backend runs them (unless {@code options} names another)
     * @param options the options; {@code processes} must be at least 1
     * @throws IllegalArgumentException if {@code options.processes()} is less than 1
     * @throws NullPointerException if an argument is null
     */
    public GenericPool(Context context, PoolOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
        Checks.positive("processes", options.processes());
        this.options = options;
        this.core = new PoolCore(options.context() != null ? options.context() : context, options);
    }

    // ---- map family ----

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return this.<T, R>mapAsync(fn, items, 0, null, null).get();
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        Checks.positive("chunksize", chunksize);
        return this.<T, R>mapAsync(fn, items, chunksize, null, null).get();
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return mapAsync(fn, items, 0, null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        Checks.nonNegative("chunksize", chunksize);
        List<Object> all = new ArrayList<>();
        items.forEach(all::add);
        var f = (SerializableFunction<Object, Object>) fn;
        return submitMap("map of " + fn.getClass().getName(), all.size(), chunksize, callback, errorCallback,
                (from, to) -> new Work.MapChunk(f, new ArrayList<>(all.subList(from, to))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> argPairs) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(argPairs, "argPairs");
        List<Object> firsts = new ArrayList<>();
        List<Object> seconds = new ArrayList<>();
        for (Map.Entry<? extends A, ? extends B> e : argPairs) {
            Objects.requireNonNull(e, "argPairs contains a null pair");
            firsts.add(e.getKey());
            seconds.add(e.getValue());
        }
        var f = (SerializableBiFunction<Object, Object, Object>) fn;
        AsyncResult<List<R>> r = submitMap("starmap of " + fn.getClass().getName(), firsts.size(), 0, null, null,
                (from, to) -> new Work.StarChunk(f, new ArrayList<>(firsts.subList(from, to)),
                        new ArrayList<>(seconds.subList(from, to))));
        return r.get();
    }

    /**
     * Python's default chunk size: {@code chunksize, extra = divmod(n, 4 * processes)}, plus one if
     * {@code extra}.
     *
     * @param items the number of items
     * @param processes the number of workers
     * @return the chunk size (0 for no items)
     */
    public static int defaultChunksize(int items, int processes) {
        int chunksize = items / (4 * processes);
        return items % (4 * processes) != 0 ? chunksize + 1 : chunksize;
    }

    private interface ChunkMaker {
        Work make(int from, int to);
    }

    private <R> AsyncResult<List<R>> submitMap(String what, int n, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback, ChunkMaker maker) {
        int size = chunksize > 0 ? chunksize : defaultChunksize(n, options.processes());
        int count = n == 0 ? 0 : (n + size - 1) / size;
        PoolResult<List<R>> result = new PoolResult<>(what, callback, errorCallback);
        MapJob<R> job = new MapJob<>(result, count);
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * size;
            int to = Math.min(n, from + size);
            chunks.add(chunk(job, i, maker.make(from, to),
                    what + ", chunk " + (i + 1) + "/" + count + " (items " + from + ".." + (to - 1) + ")"));
        }
        core.submit(chunks);
        if (count == 0) {
            core.results.post(job::completeEmpty);
        }
        return result;
    }

    @Override
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1, true);
    }

    @Override
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        Checks.positive("chunksize", chunksize);
        return imap(fn, items, chunksize, true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return imap(fn, items, 1, false);
    }

    @SuppressWarnings("unchecked")
    private <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, boolean ordered) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (core.state() != PoolCore.State.RUNNING) {
            core.submit(List.of()); // throws the rejection
        }
        var f = (SerializableFunction<Object, Object>) fn;
        String what = (ordered ? "imap" : "imapUnordered") + " of " + fn.getClass().getName();
        ImapIterator<R>[] self = new ImapIterator[1];
        self[0] = new ImapIterator<>(what, items.iterator(), chunksize, ordered, maxInFlight(),
                (index, chunkItems) -> core.submit(List.of(chunk(self[0], index, new Work.MapChunk(f, chunkItems),
                        what + ", chunk " + (index + 1)))));
        return self[0];
    }

    /** @return the chunks an imap keeps in flight: enough to keep every worker busy */
    private int maxInFlight() {
        return Math.max(2, 2 * options.processes());
    }

    // ---- apply family ----

    @Override
    public <R> R apply(SerializableCallable<? extends R> task) {
        return applyAsync(task).get();
    }

    @Override
    public <T, R> R apply(SerializableFunction<? super T, ? extends R> fn, T arg) {
        return this.<T, R>applyAsync(fn, arg).get();
    }

    @Override
    public <A, B, R> R apply(SerializableBiFunction<? super A, ? super B, ? extends R> fn, A a, B b) {
        return this.<A, B, R>applyAsync(fn, a, b).get();
    }

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task) {
        return applyAsync(task, null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg) {
        Objects.requireNonNull(fn, "fn");
        return single(new Work.Apply1((SerializableFunction<Object, Object>) fn, arg), "apply of " + fn.getClass().getName(),
                null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, B, R> AsyncResult<R> applyAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn, A a, B b) {
        Objects.requireNonNull(fn, "fn");
        return single(new Work.Apply2((SerializableBiFunction<Object, Object, Object>) fn, a, b),
                "apply of " + fn.getClass().getName(), null, null);
    }

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(task, "task");
        return single(new Work.Call(task), "apply of " + task.getClass().getName(), callback, errorCallback);
    }

    private <R> PoolResult<R> single(Work work, String what, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        PoolResult<R> result = new PoolResult<>(what, callback, errorCallback);
        Job.Single<R> job = new Job.Single<>(result);
        core.submit(List.of(chunk(job, 0, work, what)));
        return result;
    }

    private Chunk chunk(Job job, int index, Work work, String description) {
        long id = core.nextTaskId();
        return new Chunk(job, index, id, core.encoded, core.encoded ? WorkCodec.encode(work) : work,
                "task " + id + ": " + description);
    }

    // ---- ExecutorService ----

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return new PoolFuture<>(executorSingle(new Work.Call(task), task, null), false, null);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return new PoolFuture<>(executorSingle(new Work.Run(task), task, null), true, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        executorSingle(new Work.Run(command), command,
                e -> LOG.log(Level.WARNING, "task " + command.getClass().getName() + " given to execute() failed", e));
    }

    private PoolResult<Object> executorSingle(Work work, Object task, Consumer<Throwable> errorCallback) {
        if (core.encoded && !(task instanceof Serializable)) {
            throw new RejectedExecutionException("task " + task.getClass().getName() + " is not Serializable; the "
                    + "pool's workers are separate processes",
                    new SerializationException(task.getClass().getName() + " is not Serializable"));
        }
        try {
            return single(work, task.getClass().getName(), null, errorCallback);
        } catch (SerializationException e) {
            throw new RejectedExecutionException("task " + task.getClass().getName() + " cannot be serialized: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return Invocations.all(this, tasks, Long.MAX_VALUE);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return Invocations.all(this, tasks, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return Invocations.any(this, tasks, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException("untimed invokeAny timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Invocations.any(this, tasks, Math.max(0, unit.toNanos(timeout)));
    }

    // ---- lifecycle ----

    @Override
    public void shutdown() {
        core.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        core.terminate();
        return new ArrayList<>();
    }

    @Override
    public void terminate() {
        core.terminate();
    }

    @Override
    public boolean isShutdown() {
        return core.state() != PoolCore.State.RUNNING;
    }

    @Override
    public boolean isTerminated() {
        return core.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return core.awaitTermination(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void join() {
        requireStopped();
        try {
            core.awaitTermination(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while joining pool " + core.name);
        }
    }

    @Override
    public boolean join(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        requireStopped();
        try {
            return core.awaitTermination(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while joining pool " + core.name);
        }
    }

    private void requireStopped() {
        if (core.state() == PoolCore.State.RUNNING) {
            throw new IllegalStateException("pool " + core.name + " is still running: call shutdown() or terminate() "
                    + "before join()");
        }
    }

    @Override
    public int processes() {
        return options.processes();
    }

    @Override
    public List<ProcessInfo> workers() {
        return core.workers();
    }

    @Override
    public String toString() {
        return "ProcessPool[" + core.name + ", processes=" + options.processes() + ", state="
                + (isTerminated() ? "TERMINATED" : core.state()) + "]";
    }
}
