package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ManagerUnavailableException;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.ProcessScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * This process's way to one manager: a pool of connections to its address, one borrowed per call
 * (so that threads blocked in calls do not block each other). A manager seen gone stays gone:
 * every later call fails at once with {@link ManagerUnavailableException}.
 */
final class ManagerClient {
    private static final ConcurrentHashMap<String, ManagerClient> CLIENTS = new ConcurrentHashMap<>();

    private final String address;
    private final ConnectionProvider provider;
    /**
     * Idle connections per process: where processes are threads of one JVM, a connection belongs
     * to the process that opened it (its close is that process's, as with a file descriptor), so
     * a process must never reuse another's. Weak keys: an ended process's pool goes with it.
     */
    private final Map<ProcessScope, ConcurrentLinkedDeque<Pooled>> idleByProcess =
            Collections.synchronizedMap(new WeakHashMap<>());
    private volatile String goneBecause;

    /** A pooled connection with the spin decision that its own waits taught. */
    private record Pooled(Connection connection, SpinningReceiver receiver) {
    }

    private ManagerClient(String address, ConnectionProvider provider) {
        this.address = address;
        this.provider = provider;
    }

    /**
     * @param address the manager's address
     * @param provider the provider to connect through, or null for this process's context
     * @return the client for that address in this process
     */
    static ManagerClient of(String address, ConnectionProvider provider) {
        return CLIENTS.computeIfAbsent(address, a -> new ManagerClient(a, provider != null ? provider : current()));
    }

    private static ConnectionProvider current() {
        Context c = ProcessScope.current().context();
        if (c instanceof ConnectionProvider p) {
            return p;
        }
        throw new IllegalStateException("the " + c.backendName() + " backend cannot connect to a manager: its context "
                + "is not a ConnectionProvider");
    }

    /** Marks the manager gone (it was shut down from this process). */
    void markGone(String why) {
        goneBecause = why;
        List<ConcurrentLinkedDeque<Pooled>> pools;
        synchronized (idleByProcess) {
            pools = new ArrayList<>(idleByProcess.values());
        }
        for (ConcurrentLinkedDeque<Pooled> idle : pools) {
            for (Pooled p; (p = idle.poll()) != null; ) {
                p.connection().close();
            }
        }
    }

    /**
     * Sends a request and waits for the reply.
     *
     * @param request the request (serialized here: a value that cannot be fails in the caller)
     * @return the reply
     * @throws ManagerUnavailableException if the manager is gone
     * @throws io.multiprocessing4j.SerializationException if the request cannot be serialized
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting (the
     *     connection is dropped; the server abandons the call)
     */
    Protocol.Reply call(Protocol.Request request) {
        requireAvailable();
        byte[] bytes = Wire.request(request);
        ConcurrentLinkedDeque<Pooled> idle = idleByProcess.computeIfAbsent(ProcessScope.current(),
                scope -> new ConcurrentLinkedDeque<>());
        Pooled p = borrow(idle);
        Connection c = p.connection();
        boolean reusable = false;
        try {
            c.sendBytes(bytes);
            Protocol.Reply reply = Wire.reply(p.receiver().recv(c));
            reusable = true;
            return reply;
        } catch (ConnectionEOFException | IllegalStateException e) {
            goneBecause = "its connection ended (" + e.getMessage() + ")";
            throw new ManagerUnavailableException("the manager at " + address + " is gone: " + goneBecause, e);
        } finally {
            if (reusable) {
                idle.push(p);
            } else {
                c.close();
            }
        }
    }

    private void requireAvailable() {
        String why = goneBecause;
        if (why != null) {
            throw new ManagerUnavailableException("the manager at " + address + " is gone: " + why);
        }
    }

    private Pooled borrow(ConcurrentLinkedDeque<Pooled> idle) {
        for (Pooled p; (p = idle.poll()) != null; ) {
            if (!p.connection().closed()) {
                return p;
            }
        }
        try {
            return new Pooled(provider.connect(address), new SpinningReceiver());
        } catch (ConnectionEOFException | IllegalStateException e) {
            goneBecause = "nothing listens at its address (" + e.getMessage() + ")";
            throw new ManagerUnavailableException("the manager at " + address + " is gone: " + goneBecause, e);
        }
    }
}
