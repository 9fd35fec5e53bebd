package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.SerializableSupplier;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.io.Serializable;

/** The messages between manager proxies and the manager's server, always sent serialized. */
final class Protocol {
    private Protocol() {
    }

    /** A request; the server answers each with one {@link Reply}. */
    sealed interface Request extends Serializable {
    }

    /** Makes a built-in object ({@code dict}, {@code lock}, ...) with constructor arguments. */
    record Create(String kind, Object[] args) implements Request {
    }

    /** Calls {@code method(types)} on object {@code id} for {@code caller} (process and thread). */
    record Invoke(long id, String method, Class<?>[] types, Object[] args, String caller) implements Request {
    }

    /** Registers a user type's factory. */
    record Register(String type, SerializableSupplier<?> factory) implements Request {
    }

    /** Makes an object of a registered user type. */
    record CreateUser(String type) implements Request {
    }

    /** A copy of a collection's or map's contents, for iteration. */
    record Snapshot(long id) implements Request {
    }

    /** Takes up to {@code max} items from a queue, for {@code drainTo}. */
    record Drain(long id, int max) implements Request {
    }

    /** Stops the server. */
    record Shutdown() implements Request {
    }

    /** A result ({@code failure} null) or a failure. */
    record Reply(Object value, RemoteFailure failure) implements Serializable {
    }

    /** A server object handed out by reference: the client makes a proxy implementing {@code type}. */
    record Ref(long id, Class<?> type) implements Serializable {
    }
}
