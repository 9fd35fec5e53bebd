package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.WorkerLostException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's engine: a state machine over the queue of chunks and the workers, run under one lock
 * by whichever thread has news, with no scheduler thread of its own. A submitting thread queues
 * its chunks and gives them straight to idle workers over their pipes; a worker's reader thread
 * reports its results and its death (as events) and, in the same step, sends that worker its next
 * chunk. So one task costs no hand-off between threads of this process on its way out, and only
 * the reader's wake-up on its way back (Python's pool has a task-handler and a result-handler
 * thread in between). It also replaces workers that died or reached {@code maxTasksPerChild}, and
 * stops them at shutdown. Outcomes go to the {@link ResultThread}, which completes results and
 * runs callbacks; results no callback waits for are completed by the reader itself.
 */
final class PoolCore {
    private static final System.Logger LOG = System.getLogger(PoolCore.class.getName());
    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();
    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();
    /** How long terminated workers get before they are killed (or, on threads, abandoned). */
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);

    enum State { RUNNING, SHUTDOWN, TERMINATING }

    record Submit(List<Chunk> chunks) { }

    record FromWorker(WorkerSlot slot, Object message) { }

    record Died(WorkerSlot slot) { }

    private record Started(WorkerSlot slot) { }

    private record StartFailed(Throwable error) { }

    private record ShutdownRequest() { }

    private record TerminateRequest() { }

    private final Context context;
    private final PoolOptions options;
    final boolean encoded;
    final String name;
    final ResultThread results;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicLong taskIds = new AtomicLong();
    /** Guards everything below and the scheduling state of the {@link WorkerSlot}s. */
    private final Object lock = new Object();
    private volatile State state = State.RUNNING;
    private volatile MultiprocessingException brokenBy;

    // Guarded by lock.
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final List<WorkerSlot> slots = new CopyOnWriteArrayList<>();
    private int starting;
    private int earlyDeaths;
    /** Results taken from a worker and not yet handed to their job (decoded outside the lock). */
    private int delivering;
    /** Whether the result thread was told to stop (the pool is over). */
    private boolean over;

    PoolCore(Context context, PoolOptions options) {
        this.context = context;
        this.options = options;
        this.encoded = context.has(Capability.SERIALIZED_ARGUMENTS);
        this.name = "mp4j-pool-" + POOL_NUMBERS.incrementAndGet();
        this.results = new ResultThread(name + "-results", terminated);
        try {
            for (int i = 0; i < options.processes(); i++) {
                WorkerSlot slot = startWorker();
                synchronized (lock) { // the readers of those started before may be reporting already
                    slots.add(slot);
                    slot.accepting = true;
                }
            }
        } catch (RuntimeException | Error e) {
            for (WorkerSlot s : slots) {
                s.process.terminate();
            }
            results.stop();
            throw e;
        }
        results.start();
    }

    private WorkerSlot startWorker() {
        return WorkerSlot.start(context, "SpawnPoolWorker-" + WORKER_NUMBERS.incrementAndGet(), options.initializer(),
                options.maxTasksPerChild(), encoded, name + "-reader-", this::event);
    }

    // ---- called by user threads ----

    long nextTaskId() {
        return taskIds.incrementAndGet();
    }

    /** Queues chunks. @throws RejectedExecutionException after shutdown, terminate, or a broken initializer */
    void submit(List<Chunk> chunks) {
        synchronized (lock) {
            if (state != State.RUNNING) {
                Throwable broken = brokenBy;
                throw new RejectedExecutionException(broken != null
                        ? "pool " + name + " is broken: " + broken.getMessage()
                        : "pool " + name + " is " + (state == State.SHUTDOWN ? "shut down" : "terminated")
                                + ": no new work is accepted", broken);
            }
            step(new Submit(chunks));
        }
    }

    void shutdown() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.SHUTDOWN;
                step(new ShutdownRequest());
            }
        }
    }

    void terminate() {
        synchronized (lock) {
            if (state == State.TERMINATING) {
                return;
            }
            state = State.TERMINATING;
            step(new TerminateRequest());
        }
    }

    State state() {
        return state;
    }

    boolean awaitTermination(long nanos) throws InterruptedException {
        return terminated.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    List<ProcessInfo> workers() {
        List<ProcessInfo> out = new ArrayList<>();
        for (WorkerSlot s : slots) {
            if (s.exitCode() == null) {
                out.add(s.info);
            }
        }
        return out;
    }

    // ---- the state machine ----

    /**
     * An event from a reader, spawner or reaper thread. A result is decoded and handed to its job
     * after the lock is released, so that readers decode in parallel and no user code (a
     * dependent stage of a completed future) ever runs under the lock.
     */
    private void event(Object event) {
        Chunk done = null;
        Object values = null;
        synchronized (lock) {
            if (event instanceof FromWorker f && f.message() instanceof Messages.TaskDone d) {
                done = finishCurrent(f.slot(), d.taskId());
                if (done == null) {
                    return;
                }
                values = d.results();
                delivering++; // the pool must not end before this result reached its job
            } else {
                step(event);
                return;
            }
        }
        try {
            results.done(done, values, encoded);
        } finally {
            synchronized (lock) {
                delivering--;
                afterStep();
            }
        }
    }

    /** Handles one event and ends the pool if that was the last thing to do; under the lock. */
    private void step(Object event) {
        try {
            handle(event);
        } catch (RuntimeException | Error e) {
            abandon(new MultiprocessingException("pool " + name + ": its scheduling failed: " + e, e));
        }
        afterStep();
    }

    private void afterStep() {
        if (over) {
            return;
        }
        if (state != State.RUNNING && slots.isEmpty() && starting == 0 && pending.isEmpty() && delivering == 0) {
            over = true;
            results.stop();
        } else if (state == State.SHUTDOWN) {
            stopIdleWorkersIfDone();
        }
    }

    private void handle(Object event) {
        switch (event) {
            case Submit s -> {
                if (state == State.TERMINATING) {
                    s.chunks().forEach(c -> results.cancel(c, "pool " + name + " was terminated"));
                } else if (brokenBy != null) {
                    // accepted just before the initializer failed
                    s.chunks().forEach(c -> results.failed(c, brokenBy));
                } else {
                    pending.addAll(s.chunks());
                    dispatch();
                }
            }
            case FromWorker f -> fromWorker(f.slot(), f.message());
            case Died d -> died(d.slot());
            case Started s -> {
                starting--;
                slots.add(s.slot());
                if (state == State.TERMINATING) {
                    endWorker(s.slot());
                } else {
                    s.slot().accepting = true;
                    dispatch();
                }
            }
            case StartFailed f -> {
                starting--;
                LOG.log(Level.ERROR, name + ": could not start a replacement worker", f.error());
                if (slots.isEmpty() && starting == 0) {
                    broken(null, new MultiprocessingException("pool " + name + " has no workers left: starting one "
                            + "failed: " + f.error(), f.error()));
                }
            }
            case ShutdownRequest r -> stopIdleWorkersIfDone();
            case TerminateRequest r -> terminateNow();
            default -> throw new IllegalStateException("unknown pool event " + event);
        }
    }

    /** Scheduling cannot go on: fail everything queued or running, so that no caller waits forever. */
    private void abandon(MultiprocessingException error) {
        LOG.log(Level.ERROR, error.getMessage() + "; terminating the pool", error);
        state = State.TERMINATING;
        brokenBy = error;
        failPending(error);
        for (WorkerSlot s : slots) {
            s.accepting = false;
            failInFlight(s, error);
            s.process.terminate();
        }
        if (!over) {
            over = true;
            results.stop();
        }
    }

    /** Gives queued chunks to the workers holding the fewest, up to their {@link Prefetch} depth (or task limit) each. */
    private void dispatch() {
        // A submitting thread's pending interrupt is meant for its own waits, not for this send:
        // a send it broke off would cost the worker (see below). Kept aside, and restored.
        boolean interrupted = Thread.interrupted();
        try {
            dispatchQueued();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatchQueued() {
        List<WorkerSlot> given = new ArrayList<>(2);
        while (!pending.isEmpty()) {
            // While a replacement starts, no worker takes a second chunk: it belongs to the newcomer
            // (two tasks that meet at a barrier must not queue behind each other in one worker).
            // How many each worker may hold otherwise, and when it is topped up: see Prefetch.
            int bytes = size(pending.peek());
            WorkerSlot slot = null;
            for (WorkerSlot s : slots) {
                int depth = starting > 0 ? 1 : s.prefetch.depth(bytes);
                if (s.room(depth, options.maxTasksPerChild()) > 0
                        && (!s.unsentEmpty() || Prefetch.wantsMore(s.inFlight.size(), depth))
                        && (slot == null || s.inFlight.size() < slot.inFlight.size())) {
                    slot = s;
                }
            }
            if (slot == null) {
                break;
            }
            Chunk chunk = pending.poll();
            if (!chunk.job().finished()) {
                if (slot.unsentEmpty()) {
                    given.add(slot);
                }
                slot.hold(chunk);
            }
        }
        boolean refused = false;
        for (WorkerSlot s : given) {
            List<Chunk> back = s.sendHeld();
            for (int i = back.size() - 1; i >= 0; i--) {
                pending.addFirst(back.get(i));
                refused = true;
            }
        }
        if (refused) {
            dispatchQueued(); // a worker that refused is no longer accepting: the others take them
        }
    }

    private static int size(Chunk c) {
        return c.work() instanceof WorkCodec.Encoded e ? e.size() : 0; // unserialized work travels by reference
    }

    private void failInFlight(WorkerSlot s, Throwable error) {
        for (Chunk c; (c = s.inFlight.poll()) != null; ) {
            results.failed(c, error);
        }
    }

    private void fromWorker(WorkerSlot slot, Object message) {
        switch (message) {
            case Messages.TaskFailed f -> {
                Chunk c = finishCurrent(slot, f.taskId());
                if (c != null) {
                    results.failed(c, f.failure().toRemoteException(c.description() + " in " + slot.info.name()));
                }
            }
            case Messages.Ready r -> {
                slot.ready = true;
                earlyDeaths = 0;
            }
            case Messages.InitFailed f -> {
                slot.accepting = false;
                broken(slot, f.failure().toRemoteException("the pool initializer in " + slot.info.name()));
            }
            default -> LOG.log(Level.WARNING, name + ": unexpected message from " + slot.info.name() + ": " + message);
        }
    }

    /** The workers cannot get ready: fail what is queued or held, refuse new work, wind down. */
    private void broken(WorkerSlot slot, MultiprocessingException error) {
        LOG.log(Level.ERROR, name + ": " + error.getMessage() + "; failing queued work and refusing new work", error);
        brokenBy = error;
        if (state == State.RUNNING) {
            state = State.SHUTDOWN;
        }
        if (slot != null) {
            failInFlight(slot, error);
        }
        failPending(error);
    }

    private Chunk finishCurrent(WorkerSlot slot, long taskId) {
        Chunk c = slot.inFlight.peek();
        if (c == null || c.taskId() != taskId) {
            // After terminate() the cancelled task's answer may still come: expected then.
            LOG.log(state == State.TERMINATING ? Level.DEBUG : Level.WARNING,
                    name + ": " + slot.info.name() + " answered task " + taskId + " it was not running");
            return null;
        }
        slot.inFlight.poll();
        slot.prefetch.answered(!slot.inFlight.isEmpty(), System.nanoTime());
        slot.tasksDone++;
        if (options.maxTasksPerChild() > 0 && slot.tasksDone >= options.maxTasksPerChild()) {
            slot.accepting = false; // it exits by itself; its death brings a replacement
        } else if (slot.accepting) {
            dispatch();
        }
        return c;
    }

    private void died(WorkerSlot slot) {
        if (!slots.remove(slot)) {
            return;
        }
        slot.accepting = false;
        if (slot.exitCode() == null) {
            slot.process.terminate();
        }
        slot.closeEnds();
        if (!slot.ready && state != State.TERMINATING && brokenBy == null && !contextClosed()) {
            Integer code = slot.exitCode();
            String how = " ended with exit code " + code + " before it was ready";
            if (options.initializer() != null) {
                broken(slot, new MultiprocessingException("the pool initializer in " + slot.info.name() + how));
            } else if (++earlyDeaths > options.processes() + 2) {
                broken(slot, new MultiprocessingException("pool workers keep dying at start; the last, "
                        + slot.info.name() + "," + how));
            }
        }
        Chunk lost = slot.inFlight.poll();
        // The chunks behind it were never started: they go back to the head of the queue, in order.
        for (Chunk c; (c = slot.inFlight.pollLast()) != null; ) {
            if (state == State.TERMINATING) {
                results.cancel(c, "pool " + name + " was terminated");
            } else {
                pending.addFirst(c);
            }
        }
        if (contextClosed() && state != State.TERMINATING) {
            // The context ends its children before it terminates its pools: not a worker failure.
            // (Inline, not through terminate(): a nested step could end the pool before the lost
            // chunk below is cancelled.)
            state = State.TERMINATING;
            terminateNow();
        }
        if (lost != null) {
            if (state == State.TERMINATING) {
                results.cancel(lost, "pool " + name + " was terminated");
            } else {
                Integer code = slot.exitCode();
                results.failed(lost, new WorkerLostException("pool worker " + slot.info.name() + " (pid " + slot.info.pid()
                        + ") died" + (code == null ? "" : " with exit code " + code) + " while running task "
                        + lost.taskId() + " (" + lost.description() + ")", slot.info, code));
            }
        }
        boolean needed = state == State.RUNNING || state == State.SHUTDOWN && !pending.isEmpty();
        if (needed && brokenBy == null) {
            starting++;
            Thread.ofVirtual().name(name + "-spawner").start(() -> {
                try {
                    event(new Started(startWorker()));
                } catch (Throwable t) {
                    event(new StartFailed(t));
                }
            });
        }
    }

    private boolean contextClosed() {
        return context instanceof io.multiprocessing4j.spi.AbstractContext ac && ac.isClosed();
    }

    private void stopIdleWorkersIfDone() {
        if (!pending.isEmpty()) {
            return;
        }
        for (WorkerSlot s : slots) {
            if (s.inFlight.isEmpty() && !s.stopSent) {
                s.stopSent = true;
                s.accepting = false;
                try {
                    Messages.send(s.conn, encoded, new Messages.Stop());
                } catch (RuntimeException e) {
                    s.process.terminate();
                }
            }
        }
    }

    private void failPending(Throwable error) {
        for (Chunk c; (c = pending.poll()) != null; ) {
            results.failed(c, error);
        }
    }

    private void terminateNow() {
        for (Chunk c; (c = pending.poll()) != null; ) {
            results.cancel(c, "pool " + name + " was terminated");
        }
        for (WorkerSlot s : slots) {
            endWorker(s);
        }
    }

    /** Terminates a worker; kills it (or gives up on it, where nothing can) after a grace period. */
    private void endWorker(WorkerSlot s) {
        s.accepting = false;
        for (Chunk c; (c = s.inFlight.poll()) != null; ) {
            results.cancel(c, "pool " + name + " was terminated");
        }
        s.process.terminate();
        Thread.ofVirtual().name(name + "-reaper").start(() -> {
            if (!s.process.join(TERMINATE_GRACE)) {
                if (context.has(Capability.FORCED_TERMINATION)) {
                    s.process.kill();
                    s.process.join(TERMINATE_GRACE);
                } else {
                    LOG.log(Level.WARNING, name + ": worker " + s.info.name()
                            + " ignored terminate(); abandoning it");
                }
                event(new Died(s));
            }
        });
    }
}
