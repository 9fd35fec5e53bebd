package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A factory serialized to another process, for example to build a user object inside a
 * {@link Manager}'s server.
 *
 * @param <T> the type made
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Serializable {
    /** @return a new object @throws Exception anything; it reaches the caller as a {@link RemoteException} */
    T get() throws Exception;
}
