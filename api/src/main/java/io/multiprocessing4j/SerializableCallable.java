package io.multiprocessing4j;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task with a result, serialized to reach a pool worker.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
}
