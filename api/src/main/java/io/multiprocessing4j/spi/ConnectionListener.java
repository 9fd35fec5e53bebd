package io.multiprocessing4j.spi;

import io.multiprocessing4j.Connection;

/** A server end that accepts connections; see {@link ConnectionProvider}. */
public interface ConnectionListener extends AutoCloseable {
    /** @return the address clients pass to {@link ConnectionProvider#connect(String)} (serializable text) */
    String address();

    /**
     * Waits for the next authenticated client.
     *
     * @return its connection
     * @throws IllegalStateException if the listener is closed (also thrown to a thread blocked here
     *     when another thread closes it)
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    Connection accept();

    /** Stops listening and frees the address. Idempotent. */
    @Override
    void close();
}
