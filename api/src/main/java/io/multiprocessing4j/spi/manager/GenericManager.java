package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.ManagerUnavailableException;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.Namespace;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.SerializableSupplier;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.serialization.Codec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The manager every backend with a {@link ConnectionProvider} gets: a daemon server process
 * ({@code SyncManager-N}) listening at an address of the context, serving each client connection
 * on its own thread. Proxies are serializable and reconnect by address in any process of the
 * context; when the manager is gone they fail at once with {@link ManagerUnavailableException}.
 * Objects live until the manager shuts down (proxies are not reference-counted).
 */
public final class GenericManager implements Manager {
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** How long the server may take to start and report its address. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Context context;
    private final ChildProcess server;
    private final ProcessInfo info;
    private final String address;
    private final ManagerClient client;
    private final Set<Class<?>> registered = ConcurrentHashMap.newKeySet();
    private final Pipe addressPipe;
    private volatile boolean shutdown;

    /**
     * Starts the server process and waits for its address.
     *
     * @param context a context that is a {@link ConnectionProvider}
     * @throws IllegalArgumentException if it is not one
     * @throws MultiprocessingException if the server does not start in time
     */
    public GenericManager(Context context) {
        this.context = Objects.requireNonNull(context, "context");
        if (!(context instanceof ConnectionProvider provider)) {
            throw new IllegalArgumentException("the " + context.backendName() + " backend has no ConnectionProvider, "
                    + "which the generic manager needs");
        }
        addressPipe = context.pipe(false);
        server = context.process(new ManagerServer(addressPipe.right(), context))
                .name("SyncManager-" + NUMBERS.incrementAndGet()).daemon(true);
        server.start();
        info = server.info();
        try {
            address = awaitAddress(addressPipe.left());
        } catch (RuntimeException e) {
            stopServer();
            throw e;
        }
        client = ManagerClient.of(address, provider);
    }

    private String awaitAddress(Connection in) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (in.poll(Duration.ofMillis(50))) {
                return in.recv();
            }
            if (server.exitCode() != null) {
                throw new MultiprocessingException("manager server " + info.name() + " exited with code "
                        + server.exitCode() + " before it was ready");
            }
        }
        throw new MultiprocessingException("manager server " + info.name() + " did not start within " + START_TIMEOUT);
    }

    private Object create(String kind, Object... args) {
        requireRunning();
        Protocol.Reply r = client.call(new Protocol.Create(kind, args));
        if (r.failure() != null) {
            throw new RemoteRef(address, 0, "Manager", false).failure(r.failure(), kind);
        }
        return Proxies.proxy(address, (Protocol.Ref) r.value(), false);
    }

    private void requireRunning() {
        if (shutdown) {
            throw new ManagerUnavailableException("manager " + info.name() + " was shut down");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ConcurrentMap<K, V> dict() {
        return (ConcurrentMap<K, V>) create("dict");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> List<E> list() {
        return (List<E>) create("list");
    }

    @Override
    public Namespace namespace() {
        return (Namespace) create("namespace");
    }

    @Override
    public SharedLock lock() {
        return (SharedLock) create("lock");
    }

    @Override
    public SharedRLock rlock() {
        return (SharedRLock) create("rlock");
    }

    @Override
    public SharedSemaphore semaphore(int value) {
        Checks.nonNegative("semaphore initial value", value);
        return (SharedSemaphore) create("semaphore", value, false);
    }

    @Override
    public SharedSemaphore boundedSemaphore(int value) {
        Checks.nonNegative("semaphore initial value", value);
        return (SharedSemaphore) create("semaphore", value, true);
    }

    @Override
    public SharedCondition condition() {
        return (SharedCondition) create("condition");
    }

    @Override
    public SharedEvent event() {
        return (SharedEvent) create("event");
    }

    @Override
    public SharedBarrier barrier(int parties) {
        Checks.positive("barrier parties", parties);
        return (SharedBarrier) create("barrier", parties);
    }

    @Override
    public <E> SharedQueue<E> queue() {
        return queue(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> SharedQueue<E> queue(int maxsize) {
        return (SharedQueue<E>) create("queue", Math.max(0, maxsize));
    }

    @Override
    public SharedValue value(char typeCode, Number initial) {
        Objects.requireNonNull(initial, "initial");
        TypeCode.of(typeCode).checkValue(initial);
        return (SharedValue) create("value", typeCode, initial);
    }

    @Override
    public SharedArray array(char typeCode, int length) {
        TypeCode.of(typeCode);
        Checks.nonNegative("array length", length);
        return (SharedArray) create("array", typeCode, length);
    }

    @Override
    public <T> void register(Class<T> type, SerializableSupplier<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface: proxies can only implement "
                    + "interfaces");
        }
        Codec.serialize(factory); // a factory that cannot travel fails here, naming its class
        requireRunning();
        if (!registered.add(type)) {
            throw new IllegalArgumentException("type " + type.getName() + " is registered already");
        }
        Protocol.Reply r = client.call(new Protocol.Register(type.getName(), factory));
        if (r.failure() != null) {
            registered.remove(type);
            throw new RemoteRef(address, 0, "Manager", false).failure(r.failure(), "register");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (!registered.contains(type)) {
            throw new IllegalArgumentException("type " + type.getName() + " was not registered with this manager");
        }
        requireRunning();
        Protocol.Reply r = client.call(new Protocol.CreateUser(type.getName()));
        if (r.failure() != null) {
            throw new RemoteRef(address, 0, type.getSimpleName(), true).failure(r.failure(), "create");
        }
        return (T) Proxies.proxy(address, (Protocol.Ref) r.value(), true);
    }

    @Override
    public ProcessInfo process() {
        return info;
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        try {
            client.call(new Protocol.Shutdown());
        } catch (RuntimeException e) {
            // already gone: nothing to ask
        }
        client.markGone("manager " + info.name() + " was shut down");
        stopServer();
    }

    private void stopServer() {
        if (!server.join(STOP_GRACE)) {
            server.terminate();
            if (!server.join(STOP_GRACE) && context.has(Capability.FORCED_TERMINATION)) {
                server.kill();
                server.join(STOP_GRACE);
            }
        }
        addressPipe.left().close();
        addressPipe.right().close();
    }

    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "Manager[" + info.name() + " pid " + info.pid() + " at " + address + (shutdown ? ", shut down]" : "]");
    }
}
