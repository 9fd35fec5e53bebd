package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.io.Serializable;

/** The messages between the pool and a worker, over the worker's own pipe. */
final class Messages {
    private Messages() {
    }

    /** Parent to worker: run this. {@code work} is the encoded {@link Work} when {@code encoded}, else the object. */
    record RunTask(long taskId, boolean encoded, Object work) implements Serializable {
    }

    /** Parent to worker: finish and exit. */
    record Stop() implements Serializable {
    }

    /** Worker to parent: the results, encoded when the backend serializes. */
    record TaskDone(long taskId, Object results) implements Serializable {
    }

    /** Worker to parent: the task threw. */
    record TaskFailed(long taskId, RemoteFailure failure) implements Serializable {
    }

    /** Worker to parent: the initializer (if any) ran; tasks may come. */
    record Ready() implements Serializable {
    }

    /** Worker to parent: the initializer threw; the worker exits. */
    record InitFailed(RemoteFailure failure) implements Serializable {
    }
}
