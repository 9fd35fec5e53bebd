package io.multiprocessing4j.spi;

import io.multiprocessing4j.Connection;

/**
 * Implemented by a backend's {@link io.multiprocessing4j.Context}: connections by address, as
 * Python's {@code multiprocessing.connection.Listener} and {@code Client}. Generic servers (the
 * manager) listen on one; their proxies, serialized into any process of the context, connect to it.
 * Every connection is authenticated with the context's key before any byte is deserialized.
 */
public interface ConnectionProvider {
    /**
     * Opens a listener at a fresh address.
     *
     * @return the listener
     * @throws IllegalStateException if the context is closed
     */
    ConnectionListener listen();

    /**
     * Connects to a listener of this context, from this or any other of its processes.
     *
     * @param address a listener's {@link ConnectionListener#address()}
     * @return the duplex connection
     * @throws io.multiprocessing4j.ConnectionEOFException if nothing listens there any more
     * @throws io.multiprocessing4j.AuthenticationException if the listener is not of this context
     * @throws NullPointerException if {@code address} is null
     */
    Connection connect(String address);
}
