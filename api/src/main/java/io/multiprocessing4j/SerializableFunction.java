package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A one-argument task, serialized to reach another process; used by {@code map} and friends.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /**
     * Applies the function.
     *
     * @param t the argument
     * @return the result
     * @throws Exception anything; it reaches the caller as the cause of a {@link RemoteException}
     */
    R apply(T t) throws Exception;
}
