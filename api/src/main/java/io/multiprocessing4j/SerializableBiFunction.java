package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A two-argument task, serialized to reach another process; used by {@code starmap} and
 * {@code apply}.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {
    /**
     * Applies the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws Exception anything; it reaches the caller as the cause of a {@link RemoteException}
     */
    R apply(A a, B b) throws Exception;
}
