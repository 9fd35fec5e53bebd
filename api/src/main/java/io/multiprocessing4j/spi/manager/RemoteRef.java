package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a proxy knows of its object: the manager's address and the object's id. Serializable; in
 * another process it reconnects lazily through that process's context.
 *
 * @param address the manager's address
 * @param id the object's id in the manager
 * @param what the proxied type's simple name, for messages
 * @param user whether it is a registered user type (failures wrap in {@link io.multiprocessing4j.RemoteException})
 */
record RemoteRef(String address, long id, String what, boolean user) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final List<Class<? extends Throwable>> RETHROWN = List.of(IndexOutOfBoundsException.class,
            NoSuchElementException.class, IllegalArgumentException.class, IllegalStateException.class,
            NullPointerException.class, UnsupportedOperationException.class, IllegalMonitorStateException.class,
            ClassCastException.class, MultiprocessingException.class);

    ManagerClient client() {
        return ManagerClient.of(address, null);
    }

    /** As {@link #client()}, through a known provider (the creating process's). */
    ManagerClient client(ConnectionProvider provider) {
        return ManagerClient.of(address, provider);
    }

    /**
     * Calls a method of the object.
     *
     * @param method its name
     * @param types its parameter types
     * @param args its arguments (serialized: copies)
     * @return the result, a proxy if the server handed out an object
     */
    Object invoke(String method, Class<?>[] types, Object... args) {
        Protocol.Reply r = client().call(new Protocol.Invoke(id, method, types, args, callerId()));
        if (r.failure() != null) {
            throw failure(r.failure(), method);
        }
        return Proxies.fromWire(address, r.value());
    }

    /** @return a copy of the object's contents (a list, or a map) */
    Object snapshot() {
        return unwrap(client().call(new Protocol.Snapshot(id)), "snapshot");
    }

    /** @param max the most to take @return items taken from a queue's head */
    @SuppressWarnings("unchecked")
    List<Object> drain(int max) {
        return (List<Object>) unwrap(client().call(new Protocol.Drain(id, max)), "drainTo");
    }

    private Object unwrap(Protocol.Reply r, String method) {
        if (r.failure() != null) {
            throw failure(r.failure(), method);
        }
        return r.value();
    }

    /** Rethrows the standard unchecked exceptions of JDK interfaces as themselves; wraps the rest. */
    RuntimeException failure(RemoteFailure f, String method) {
        Throwable t = f.exception();
        if (!user && t instanceof RuntimeException re && RETHROWN.stream().anyMatch(c -> c.isInstance(re))) {
            return re;
        }
        return f.toRemoteException(what + "." + method + " in the manager");
    }

    /** @return the owner identity of the calling thread: process (pid and name) and thread */
    static String callerId() {
        ProcessInfo me = Multiprocessing.currentProcess();
        return me.pid() + "/" + me.name() + "/" + Thread.currentThread().threadId();
    }
}
