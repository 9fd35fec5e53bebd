package io.multiprocessing4j.spi;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.SerializableBiConsumer;
import io.multiprocessing4j.SerializableConsumer;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The skeleton every backend's {@link Context} extends: it validates every argument the same way
 * (so the same bad value gets the same exception on every backend), tracks children, pools and
 * managers, and closes them in order. A backend implements the {@code new*} methods, which receive
 * only valid arguments, and {@link #startProcess}.
 */
public abstract class AbstractContext implements Context, ProcessLauncher {
    private static final System.Logger LOG = System.getLogger(AbstractContext.class.getName());
    /** How long {@link #close()} lets a terminated child end before it kills it. */
    protected static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);
    /** The generic pool and manager, found once. */
    private static volatile GenericServices generic;

    private final String backendName;
    private final Set<Capability> capabilities;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<AutoCloseable> closeables = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param backendName the backend's name
     * @param capabilities what it can do
     */
    protected AbstractContext(String backendName, Set<Capability> capabilities) {
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    // ---- what a backend provides (arguments already checked) ----

    /**
     * Starts a process (see {@link ProcessLauncher#launch}).
     *
     * @param process the process
     * @return its runtime
     */
    protected abstract ProcessRuntime startProcess(ChildProcess process);

    /** @param maxsize the bound, 0 for unbounded @param <E> the item type @return a new queue */
    protected abstract <E> SharedQueue<E> newQueue(int maxsize);

    /** @param maxsize the bound, 0 for unbounded @param <E> the item type @return a new joinable queue */
    protected abstract <E> JoinableQueue<E> newJoinableQueue(int maxsize);

    /** @param duplex whether both ends send and receive @return a new pipe */
    protected abstract Pipe newPipe(boolean duplex);

    /**
     * A duplex pipe for the library's own use (a pool's worker): its left end stays in this
     * process and its right end goes only to the one child that uses it, so neither end is ever
     * read by two holders. A backend may then read ahead (several messages per system call),
     * which a user's pipe must not, since any of its ends may be handed on with messages unread.
     * The default is {@link #newPipe}{@code (true)}.
     *
     * @return a new pipe
     */
    protected Pipe newPrivatePipe() {
        return newPipe(true);
    }

    /**
     * A pipe for the library's own use; see {@link #newPrivatePipe()}.
     *
     * @return a new duplex pipe
     * @throws IllegalStateException if the context is closed
     */
    public final Pipe privatePipe() {
        requireOpen();
        return newPrivatePipe();
    }

    /** @return a new lock */
    protected abstract SharedLock newLock();

    /** @return a new reentrant lock */
    protected abstract SharedRLock newRLock();

    /** @param value initial permits, not negative @param bounded whether bounded @return a new semaphore */
    protected abstract SharedSemaphore newSemaphore(int value, boolean bounded);

    /** @return a new event */
    protected abstract SharedEvent newEvent();

    /** @param lock the lock, made by this backend @return a new condition */
    protected abstract SharedCondition newCondition(SharedMutex lock);

    /**
     * @param parties at least 1
     * @param action or null
     * @param timeout default timeout, or null
     * @return a new barrier
     */
    protected abstract SharedBarrier newBarrier(int parties, SerializableRunnable action, Duration timeout);

    /** @param typeCode the typecode @param withLock whether it has a lock @return a new zero value */
    protected abstract SharedValue newValue(TypeCode typeCode, boolean withLock);

    /** @param typeCode the typecode @param length not negative @param withLock whether it has a lock @return a new zeroed array */
    protected abstract SharedArray newArray(TypeCode typeCode, int length, boolean withLock);

    /** @param size positive @return a new zeroed block */
    protected abstract SharedMemoryBlock newSharedMemory(long size);

    /**
     * @param name the block's name
     * @return the attached block
     * @throws IllegalArgumentException if no block has that name
     */
    protected abstract SharedMemoryBlock attach(String name);

    /**
     * Makes a pool; by default the generic one built on processes and pipes, which every backend
     * gets. A backend overrides this only where it is measurably faster.
     *
     * @param options the options (processes resolved to at least 1)
     * @return a new pool
     */
    protected ProcessPool newPool(PoolOptions options) {
        return genericServices().pool(this, options);
    }

    /**
     * Makes a manager; by default the generic one built on a server process and
     * {@link ConnectionProvider}, which this context must then implement.
     *
     * @return a new manager, started
     */
    protected Manager newManager() {
        return genericServices().manager(this);
    }

    private static GenericServices genericServices() {
        GenericServices g = generic;
        if (g == null) {
            g = java.util.ServiceLoader.load(GenericServices.class, AbstractContext.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + GenericServices.class.getName()
                            + " found: the api jar's META-INF/services entry is missing"));
            generic = g;
        }
        return g;
    }

    /** Frees what the backend holds (shared memory, sockets, spare processes); called once by {@link #close()}. */
    protected abstract void closeBackendResources();

    /**
     * @param lock a lock given by the user
     * @return whether this backend made it (and can build a condition on it)
     */
    protected abstract boolean ownsLock(SharedMutex lock);

    // ---- the user API, validated ----

    @Override
    public final String backendName() {
        return backendName;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final ChildProcess process(SerializableRunnable target) {
        Objects.requireNonNull(target, "target");
        requireOpen();
        return new ChildProcess(this, target);
    }

    @Override
    public final <A> ChildProcess process(SerializableConsumer<? super A> target, A arg) {
        Objects.requireNonNull(target, "target");
        requireOpen();
        return new ChildProcess(this, () -> target.accept(arg));
    }

    @Override
    public final <A, B> ChildProcess process(SerializableBiConsumer<? super A, ? super B> target, A a, B b) {
        Objects.requireNonNull(target, "target");
        requireOpen();
        return new ChildProcess(this, () -> target.accept(a, b));
    }

    @Override
    public final ProcessRuntime launch(ChildProcess process) {
        requireOpen();
        ProcessRuntime runtime = startProcess(process);
        children.removeIf(c -> !isAliveAndOpen(c));
        children.add(process);
        return runtime;
    }

    @Override
    public List<ChildProcess> activeChildren() {
        List<ChildProcess> alive = new ArrayList<>();
        for (ChildProcess c : children) {
            if (isAliveAndOpen(c)) {
                alive.add(c);
            } else {
                children.remove(c);
            }
        }
        return alive;
    }

    // A child the user closed has ended (close() refuses a running one) and answers nothing more.
    private static boolean isAliveAndOpen(ChildProcess c) {
        try {
            return c.isAlive();
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    @Override
    public final <E> SharedQueue<E> queue() {
        return queue(0);
    }

    @Override
    public final <E> SharedQueue<E> queue(int maxsize) {
        requireOpen();
        return newQueue(Math.max(0, maxsize));
    }

    @Override
    public final <E> JoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    @Override
    public final <E> JoinableQueue<E> joinableQueue(int maxsize) {
        requireOpen();
        return newJoinableQueue(Math.max(0, maxsize));
    }

    @Override
    public final Pipe pipe() {
        return pipe(true);
    }

    @Override
    public final Pipe pipe(boolean duplex) {
        requireOpen();
        return newPipe(duplex);
    }

    @Override
    public final SharedLock lock() {
        requireOpen();
        return newLock();
    }

    @Override
    public final SharedRLock rlock() {
        requireOpen();
        return newRLock();
    }

    @Override
    public final SharedSemaphore semaphore(int value) {
        Checks.nonNegative("semaphore initial value", value);
        requireOpen();
        return newSemaphore(value, false);
    }

    @Override
    public final SharedSemaphore boundedSemaphore(int value) {
        Checks.nonNegative("semaphore initial value", value);
        requireOpen();
        return newSemaphore(value, true);
    }

    @Override
    public final SharedEvent event() {
        requireOpen();
        return newEvent();
    }

    @Override
    public final SharedCondition condition() {
        requireOpen();
        return newCondition(newRLock());
    }

    @Override
    public final SharedCondition condition(SharedMutex lock) {
        Objects.requireNonNull(lock, "lock");
        requireOpen();
        if (!ownsLock(lock)) {
            throw new IllegalArgumentException("lock " + lock.getClass().getName() + " was not made by the "
                    + backendName + " backend: a condition needs a lock of its own backend");
        }
        return newCondition(lock);
    }

    @Override
    public final SharedBarrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    @Override
    public final SharedBarrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        Checks.positive("barrier parties", parties);
        if (timeout != null) {
            Checks.timeout(timeout);
        }
        requireOpen();
        return newBarrier(parties, action, timeout);
    }

    @Override
    public final SharedValue value(TypeCode typeCode, Number initial) {
        return makeValue(typeCode, initial, true);
    }

    @Override
    public final SharedValue rawValue(char typeCode, Number initial) {
        return makeValue(TypeCode.of(typeCode), initial, false);
    }

    private SharedValue makeValue(TypeCode typeCode, Number initial, boolean withLock) {
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(initial, "initial");
        typeCode.checkValue(initial);
        requireOpen();
        SharedValue v = newValue(typeCode, withLock);
        v.set(initial);
        return v;
    }

    @Override
    public final SharedArray array(TypeCode typeCode, int length) {
        Objects.requireNonNull(typeCode, "typeCode");
        Checks.nonNegative("array length", length);
        requireOpen();
        return newArray(typeCode, length, true);
    }

    @Override
    public final SharedArray rawArray(char typeCode, int length) {
        TypeCode t = TypeCode.of(typeCode);
        Checks.nonNegative("array length", length);
        requireOpen();
        return newArray(t, length, false);
    }

    @Override
    public final SharedArray array(char typeCode, int[] initial) {
        Objects.requireNonNull(initial, "initial");
        long[] values = new long[initial.length];
        for (int i = 0; i < initial.length; i++) {
            values[i] = initial[i];
        }
        return filled(TypeCode.of(typeCode), values);
    }

    @Override
    public final SharedArray array(char typeCode, long[] initial) {
        Objects.requireNonNull(initial, "initial");
        return filled(TypeCode.of(typeCode), initial.clone());
    }

    @Override
    public final SharedArray array(char typeCode, byte[] initial) {
        Objects.requireNonNull(initial, "initial");
        TypeCode t = TypeCode.of(typeCode);
        long[] values = new long[initial.length];
        for (int i = 0; i < initial.length; i++) {
            values[i] = t == TypeCode.BYTE ? initial[i] : Byte.toUnsignedLong(initial[i]);
        }
        return filled(t, values);
    }

    @Override
    public final SharedArray array(char typeCode, double[] initial) {
        Objects.requireNonNull(initial, "initial");
        TypeCode t = TypeCode.of(typeCode);
        for (int i = 0; i < initial.length; i++) {
            checkElement(t, i, initial[i]);
        }
        requireOpen();
        SharedArray a = newArray(t, initial.length, true);
        for (int i = 0; i < initial.length; i++) {
            a.setDouble(i, initial[i]);
        }
        return a;
    }

    private SharedArray filled(TypeCode t, long[] values) {
        for (int i = 0; i < values.length; i++) {
            checkElement(t, i, values[i]);
        }
        requireOpen();
        SharedArray a = newArray(t, values.length, true);
        for (int i = 0; i < values.length; i++) {
            a.setLong(i, values[i]);
        }
        return a;
    }

    private static void checkElement(TypeCode t, int index, Number value) {
        try {
            t.checkValue(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("element " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final SharedMemoryBlock sharedMemory(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("shared memory size must be positive: " + size);
        }
        requireOpen();
        return newSharedMemory(size);
    }

    @Override
    public final SharedMemoryBlock attachSharedMemory(String name) {
        Objects.requireNonNull(name, "name");
        requireOpen();
        return attach(name);
    }

    @Override
    public final ProcessPool pool() {
        return pool(PoolOptions.builder().build());
    }

    @Override
    public final ProcessPool pool(int processes) {
        return pool(PoolOptions.builder().processes(processes).build());
    }

    @Override
    public final ProcessPool pool(PoolOptions options) {
        Objects.requireNonNull(options, "options");
        requireOpen();
        PoolOptions resolved = options.processes() > 0 ? options
                : new PoolOptions(io.multiprocessing4j.Multiprocessing.cpuCount(), options.initializer(),
                        options.maxTasksPerChild(), options.context());
        return track(newPool(resolved));
    }

    @Override
    public final Manager manager() {
        requireOpen();
        return track(newManager());
    }

    /**
     * Registers something {@link #close()} closes, newest first.
     *
     * @param <T> its type
     * @param closeable a pool, a manager, or a backend resource
     * @return {@code closeable}
     */
    protected final <T extends AutoCloseable> T track(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    /** @return whether {@link #close()} was called */
    public final boolean isClosed() {
        return closed;
    }

    /** @throws IllegalStateException if this context is closed */
    protected final void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the " + backendName + " context is closed");
        }
    }

    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        endChildren();
        for (AutoCloseable c; (c = closeables.poll()) != null; ) {
            try {
                if (c instanceof ProcessPool p) {
                    p.terminate();
                } else {
                    c.close();
                }
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "closing " + c + " failed", e);
            }
        }
        closeBackendResources();
    }

    private void endChildren() {
        List<ChildProcess> alive = activeChildren();
        for (ChildProcess c : alive) {
            c.terminate();
        }
        long deadline = System.nanoTime() + TERMINATE_GRACE.toNanos();
        for (ChildProcess c : alive) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!c.join(Duration.ofNanos(left)) && capabilities.contains(Capability.FORCED_TERMINATION)) {
                c.kill();
                c.join(TERMINATE_GRACE);
            }
        }
    }

    @Override
    public String toString() {
        return "Context[" + backendName + (closed ? ", closed]" : "]");
    }
}
