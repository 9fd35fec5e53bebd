package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.spi.AbstractContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The parent's side of one worker: its process, its pipe, the chunk it runs, and a reader thread
 * that forwards the worker's messages and notices its death (EOF on the pipe, or an exit code).
 * Because each worker has its own pipe, the pool always knows which task a dead worker held.
 */
final class WorkerSlot {
    /** How often the reader looks at the exit code when the pipe stays quiet. */
    private static final Duration DEATH_CHECK = Duration.ofMillis(50);

    final ChildProcess process;
    final Connection conn;
    private final Connection childEnd;
    /** Whether messages travel as frames (see {@link Messages}). */
    private final boolean encoded;
    final ProcessInfo info;
    // Scheduling state, guarded by the PoolCore's lock.
    /**
     * The chunks sent to it and not yet answered, in the order sent. It runs them one at a time,
     * in that order, so the head is the one it is running (or about to): the one its death fails.
     */
    final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
    /** The ids of the functions it keeps (see {@link WorkCodec}). */
    private final Set<Long> functionsSent = new HashSet<>();
    /** How many chunks it may hold. */
    final Prefetch prefetch = new Prefetch();
    /** Whether it may be given chunks: started, and not retiring, stopping or terminated. */
    boolean accepting;
    int tasksDone;
    /** Whether it said its initializer ran: a death before that is the initializer's doing. */
    boolean ready;
    boolean stopSent;

    private WorkerSlot(ChildProcess process, Connection conn, Connection childEnd, boolean encoded) {
        this.process = process;
        this.encoded = encoded;
        this.conn = conn;
        this.childEnd = childEnd;
        this.info = process.info();
    }

    /**
     * Starts a worker and its reader.
     *
     * @param context where it runs
     * @param name its process name
     * @param initializer or null
     * @param maxTasks tasks before it exits, 0 for no limit
     * @param encoded whether tasks travel serialized
     * @param readerPrefix the reader thread's name, before the worker's name
     * @param events receives {@link PoolCore.FromWorker} and {@link PoolCore.Died} events, on the reader thread
     * @return the slot
     */
    static WorkerSlot start(Context context, String name, SerializableRunnable initializer, int maxTasks,
            boolean encoded, String readerPrefix, Consumer<Object> events) {
        // the pool alone holds the left end and hands the right one only to this worker
        Pipe pipe = context instanceof AbstractContext own ? own.privatePipe() : context.pipe(true);
        ChildProcess p;
        try {
            p = context.process(new PoolWorker(pipe.right(), initializer, maxTasks, encoded)).name(name).daemon(true);
            p.start();
        } catch (RuntimeException | Error e) {
            pipe.left().close();
            pipe.right().close();
            throw e;
        }
        WorkerSlot slot = new WorkerSlot(p, pipe.left(), pipe.right(), encoded);
        // A platform thread, one per worker: it waits for the worker's answer blocked in the
        // kernel and wakes the moment it comes. A virtual thread cannot block in the kernel
        // without pinning its carrier, so the backends' pipes make it look and park in slices
        // (1 ms on posix): every result waited up to that slice (apply_async took ~1 ms). It ends
        // when its worker does (EOF, or the exit code while the pipe is quiet).
        Thread.ofPlatform().daemon(true).name(readerPrefix + name).start(() -> slot.read(events));
        return slot;
    }

    private void read(Consumer<Object> events) {
        try {
            while (true) {
                if (conn.poll(DEATH_CHECK)) {
                    events.accept(new PoolCore.FromWorker(this, Messages.recv(conn, encoded)));
                } else if (process.exitCode() != null) {
                    while (conn.poll()) {
                        events.accept(new PoolCore.FromWorker(this, Messages.recv(conn, encoded)));
                    }
                    break;
                }
            }
        } catch (ConnectionEOFException | IllegalStateException e) {
            // EOF: the worker is gone (or we closed the pipe); its exit code follows shortly.
            process.join(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // A message that cannot be read back: treat the worker as lost rather than hang.
            System.getLogger(WorkerSlot.class.getName()).log(System.Logger.Level.WARNING,
                    "pool worker " + info.name() + ": unreadable message", e);
        }
        events.accept(new PoolCore.Died(this));
    }

    /**
     * @param depth the most chunks a worker may hold now
     * @param maxTasks the pool's {@code maxTasksPerChild}, 0 for no limit
     * @return how many more chunks it may be given (it never gets more than it will run before it exits)
     */
    int room(int depth, int maxTasks) {
        if (!accepting) {
            return 0;
        }
        int limit = maxTasks > 0 ? Math.min(depth, maxTasks - tasksDone) : depth;
        return limit - inFlight.size();
    }

    /** Chunks given to it in this scheduling step and not yet sent; guarded by the pool's lock. */
    private final List<Chunk> unsent = new ArrayList<>();

    /** @return whether nothing is waiting to be sent to it in this step */
    boolean unsentEmpty() {
        return unsent.isEmpty();
    }

    /**
     * Gives it a chunk, to be sent with the others given in this step by {@link #sendHeld}.
     *
     * @param chunk the chunk
     */
    void hold(Chunk chunk) {
        prefetch.sent(inFlight.isEmpty(), System.nanoTime());
        inFlight.add(chunk);
        unsent.add(chunk);
    }

    /**
     * Sends the chunks given in this step, several in one message (one system call, and one
     * wake-up of the worker, for a top-up of many small chunks): a short write into the socket's
     * buffer, which the worker drains as it goes, so even a large task does not block us for long.
     * From a submitting thread or a reader, under the pool's lock.
     *
     * @return the chunks it did not take, in order: none, or all of them if the pipe is unusable
     *     (the worker is dying, or the sending thread was interrupted in the middle of a message);
     *     then the worker is ended, since its stream may hold half a message, and its reader
     *     reports the death
     */
    List<Chunk> sendHeld() {
        List<Chunk> batch = List.copyOf(unsent);
        unsent.clear();
        try {
            if (encoded) {
                Messages.sendRun(conn, batch, functionsSent);
            } else {
                for (Chunk c : batch) {
                    Messages.send(conn, false, new Messages.RunTask(c.taskId(), false, c.work()));
                }
            }
            return List.of();
        } catch (RuntimeException e) {
            for (int i = 0; i < batch.size(); i++) {
                inFlight.removeLast();
            }
            accepting = false;
            process.terminate();
            return batch;
        }
    }

    /** @return the exit code, or null if it is still running or unknown */
    Integer exitCode() {
        try {
            return process.exitCode();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Closes the parent's ends of the pipe (the worker has ended). */
    void closeEnds() {
        conn.close();
        childEnd.close();
    }
}
