package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import java.io.Serializable;
import java.util.concurrent.ConcurrentMap;

/** The arguments each benchmark child receives: handles that reattach in the child. */
public final class Jobs {
    private Jobs() {
    }

    /**
     * A queue producer's handles.
     *
     * @param queue where it puts
     * @param ctl its control connection: commands {@code int[]{items, bytes}}, null to stop
     */
    public record Producer(SharedQueue<Object> queue, Connection ctl) implements Serializable {
    }

    /**
     * A lock-contention worker's handles.
     *
     * @param lock the lock
     * @param value a raw value incremented under it
     * @param ctl commands: an iteration count, null to stop; replies "done"
     */
    public record LockWorker(SharedLock lock, SharedValue value, Connection ctl) implements Serializable {
    }

    /**
     * A value-increment worker's handles.
     *
     * @param value a value with its own lock
     * @param ctl commands: an iteration count, null to stop; replies "done"
     */
    public record ValueWorker(SharedValue value, Connection ctl) implements Serializable {
    }

    /**
     * An array writer's handles.
     *
     * @param array the shared array
     * @param ctl commands: the fill byte (1 or 2), null to stop; replies the copy's nanoseconds
     */
    public record ArrayWriter(SharedArray array, Connection ctl) implements Serializable {
    }

    /**
     * A manager-dict worker's handles.
     *
     * @param dict the manager's dict proxy
     * @param ctl commands: an iteration count, null to stop; replies the child-timed nanoseconds
     */
    public record DictWorker(ConcurrentMap<Object, Object> dict, Connection ctl) implements Serializable {
    }

    /**
     * An echo's handles (pipe ping-pong).
     *
     * @param end the child's end of the pipe
     * @param pin where the child pins itself
     */
    public record Echo(Connection end, Pinning.Placement pin) implements Serializable {
    }

    /**
     * An event ping-pong child's handles.
     *
     * @param e1 set by the parent
     * @param e2 set by the child
     * @param ctl commands: a round-trip count, null to stop
     * @param pin where the child pins itself
     */
    public record EventEcho(SharedEvent e1, SharedEvent e2, Connection ctl, Pinning.Placement pin)
            implements Serializable {
    }

    /**
     * A semaphore ping-pong child's handles.
     *
     * @param s1 released by the parent
     * @param s2 released by the child
     * @param ctl commands: a round-trip count, null to stop
     * @param pin where the child pins itself
     */
    public record SemEcho(SharedSemaphore s1, SharedSemaphore s2, Connection ctl, Pinning.Placement pin)
            implements Serializable {
    }
}
