package io.multiprocessing4j.threads;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.spi.ConnectionListener;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory listener: {@code connect} makes a duplex pipe and hands one end to
 * {@link #accept()}. Listeners are found by address in one registry per JVM, so an address
 * reaches its listener from any thread; a listener of another context refuses the connection, as
 * a wrong authentication key would.
 */
final class ThreadsListener implements ConnectionListener {
    private static final Map<String, ThreadsListener> LISTENING = new ConcurrentHashMap<>();

    private final String address = "threads:" + UUID.randomUUID();
    private final Object owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pending = lock.newCondition();
    private final ArrayDeque<Connection> waiting = new ArrayDeque<>();
    private boolean closed;

    private ThreadsListener(Object owner) {
        this.owner = owner;
    }

    /**
     * Opens a listener at a fresh address.
     *
     * @param owner the context it belongs to
     * @return the listener
     */
    static ThreadsListener open(Object owner) {
        ThreadsListener l = new ThreadsListener(owner);
        LISTENING.put(l.address, l);
        return l;
    }

    /**
     * Connects to the listener at {@code address}.
     *
     * @param owner the connecting context
     * @param address the address
     * @return the client's end
     * @throws ConnectionEOFException if nothing listens there
     * @throws AuthenticationException if the listener belongs to another context
     */
    static Connection connect(Object owner, String address) {
        Objects.requireNonNull(address, "address");
        ThreadsListener l = LISTENING.get(address);
        if (l == null) {
            throw new ConnectionEOFException("nothing listens at " + address);
        }
        if (l.owner != owner) {
            throw new AuthenticationException("the listener at " + address + " belongs to another context");
        }
        Pipe p = ThreadsConnection.pipe(true);
        l.offer(p.right());
        return ((ThreadsConnection) p.left()).hold();
    }

    private void offer(Connection serverEnd) {
        lock.lock();
        try {
            if (closed) {
                throw new ConnectionEOFException("the listener at " + address + " is closed");
            }
            waiting.add(serverEnd);
            pending.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Connection accept() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the listener at " + address + " is closed");
                }
                Connection c = waiting.poll();
                if (c != null) {
                    return ((ThreadsConnection) c).hold();
                }
                pending.await();
            }
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("accept", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        LISTENING.remove(address, this);
        lock.lock();
        try {
            closed = true;
            // Clients not accepted yet see EOF, as after a refused connection.
            for (Connection c; (c = waiting.poll()) != null; ) {
                c.close();
            }
            pending.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ThreadsListener[" + address + "]";
    }
}
