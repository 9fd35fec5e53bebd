package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ProcessInterruptedException;
import java.util.function.BooleanSupplier;

/**
 * Who the server thread is serving now: the calling process and thread (the owner of reentrant
 * locks, across processes), and its connection, so that a blocking wait gives up as soon as the
 * client is gone instead of, say, acquiring a lock for a dead process.
 */
public final class Caller {
    /** How often a blocked server call looks whether its client is still there. */
    private static final long CHECK_NANOS = 100_000_000L;
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private final String id;
    private final Connection connection;

    private Caller(String id, Connection connection) {
        this.id = id;
        this.connection = connection;
    }

    /**
     * Binds the caller of the call this thread serves now.
     *
     * @param id the caller's identity (process and thread)
     * @param connection its connection
     */
    public static void bind(String id, Connection connection) {
        CURRENT.set(new Caller(id, connection));
    }

    /** Unbinds after the call. */
    public static void unbind() {
        // set(null), not remove(): a server thread binds once per call, and remove() made every next
        // bind allocate a new map entry; the thread (one per connection) ends with its connection
        CURRENT.set(null);
    }

    /** @return the identity of the process and thread being served ("local" outside a call) */
    static String id() {
        Caller c = CURRENT.get();
        return c == null ? "local" : c.id;
    }

    /** Thrown to abandon a call whose client went away. */
    public static final class Gone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Gone() {
            super("the client went away", null, false, false);
        }
    }

    /**
     * Waits on {@code monitor} (held by the caller) for at most {@code nanos}, in slices, checking
     * that the client is still connected.
     *
     * @param monitor the monitor
     * @param nanos the longest wait
     * @throws Gone if the client disconnected
     * @throws ProcessInterruptedException if the server thread was interrupted
     */
    static void await(Object monitor, long nanos) {
        long slice = Math.min(nanos, CHECK_NANOS);
        try {
            if (slice > 0) {
                monitor.wait(slice / 1_000_000L, (int) (slice % 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("manager server interrupted");
        }
        checkClient();
    }

    /**
     * Throws if the client being served has gone away.
     *
     * @throws Gone if its connection shows end of stream (or is closed)
     */
    static void checkClient() {
        Caller c = CURRENT.get();
        if (c != null) {
            try {
                // The client sends nothing while it waits for our reply: anything readable is EOF.
                if (c.connection.poll()) {
                    throw new Gone();
                }
            } catch (IllegalStateException e) {
                throw new Gone();
            }
        }
    }

    /**
     * Waits on {@code monitor} (held by the caller) while {@code blocked} holds, for at most
     * {@code nanos} ({@link Long#MAX_VALUE}: forever), as {@link #await} does.
     *
     * @param monitor the monitor
     * @param blocked whether the caller must still wait, read under the monitor
     * @param nanos the longest wait
     * @return true once {@code blocked} is false and the client is still there; false if it still
     *     held at the deadline
     * @throws Gone if the client disconnected (checked once more before returning true)
     * @throws ProcessInterruptedException if the server thread was interrupted
     */
    static boolean awaitWhile(Object monitor, BooleanSupplier blocked, long nanos) {
        long deadline = deadline(nanos);
        while (blocked.getAsBoolean()) {
            long left = left(deadline);
            if (left <= 0) {
                return false;
            }
            await(monitor, left);
        }
        // A request read after its client died (it was sent just before) must not be granted: the
        // lock, permit or item would go to a process that is gone.
        checkClient();
        return true;
    }

    /** A deadline helper: {@link Long#MAX_VALUE} nanos means forever. */
    static long deadline(long nanos) {
        return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
    }

    /** @return nanos left until {@code deadline} */
    static long left(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }
}
