package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.spi.ExitRequest;
import io.multiprocessing4j.spi.serialization.Codec;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.io.Serial;
import java.util.List;
import java.util.Map;

/**
 * The target of a pool worker process: runs the initializer, then reads tasks from its pipe, runs
 * them and answers, until told to stop, its pipe closes, or it ran {@code maxTasks} tasks.
 * Process ends ({@code Multiprocessing.exit}, {@link ExitRequest}) are never caught: the parent
 * sees the worker die and fails its task.
 *
 * @param conn the worker's end of its pipe
 * @param initializer run once first, or null
 * @param maxTasks tasks before exiting, 0 for no limit
 * @param encoded whether tasks and results travel as bytes (the backend serializes)
 */
record PoolWorker(Connection conn, SerializableRunnable initializer, int maxTasks, boolean encoded)
        implements SerializableRunnable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public void run() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (ExitRequest e) {
                throw e;
            } catch (Throwable t) {
                Messages.send(conn, encoded, new Messages.InitFailed(RemoteFailure.of(t, encoded)));
                return;
            }
        }
        Messages.send(conn, encoded, new Messages.Ready());
        int done = 0;
        Map<Long, Object> functions = WorkCodec.newCache();
        while (maxTasks == 0 || done < maxTasks) {
            Object msg;
            try {
                msg = Messages.recv(conn, encoded);
            } catch (ConnectionEOFException | IllegalStateException e) {
                return;
            }
            List<Messages.RunTask> tasks = switch (msg) {
                case Messages.RunTask task -> List.of(task);
                case Messages.Batch batch -> batch.tasks();
                default -> null; // Stop
            };
            if (tasks == null) {
                return;
            }
            // The pool never sends more than maxTasks allows, so a batch is run whole.
            for (Messages.RunTask task : tasks) {
                Messages.send(conn, encoded, runOne(task, functions));
                done++;
            }
        }
    }

    private Object runOne(Messages.RunTask task, Map<Long, Object> functions) {
        try {
            Work work = task.encoded() ? WorkCodec.decode((byte[]) task.work(), functions) : (Work) task.work();
            List<Object> results = work.run();
            return new Messages.TaskDone(task.taskId(), encoded ? Codec.serialize(results) : results);
        } catch (ExitRequest e) {
            throw e;
        } catch (Throwable t) {
            return new Messages.TaskFailed(task.taskId(), RemoteFailure.of(t, encoded));
        }
    }
}
