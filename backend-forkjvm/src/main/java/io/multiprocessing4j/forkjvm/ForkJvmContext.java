package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
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
import io.multiprocessing4j.spi.AbstractContext;
import io.multiprocessing4j.spi.ConnectionListener;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.ProcessRuntime;
import io.multiprocessing4j.spi.channel.Authenticator;
import io.multiprocessing4j.spi.channel.SocketConnection;
import io.multiprocessing4j.spi.channel.UnixConnectionListener;
import io.multiprocessing4j.spi.channel.UnixSockets;
import io.multiprocessing4j.spi.launch.LaunchRequest;
import io.multiprocessing4j.spi.serialization.Codec;
import io.multiprocessing4j.spi.shm.ShmArray;
import io.multiprocessing4j.spi.shm.ShmBarrier;
import io.multiprocessing4j.spi.shm.ShmCondition;
import io.multiprocessing4j.spi.shm.ShmEvent;
import io.multiprocessing4j.spi.shm.ShmLock;
import io.multiprocessing4j.spi.shm.ShmQueue;
import io.multiprocessing4j.spi.shm.ShmRLock;
import io.multiprocessing4j.spi.shm.ShmSemaphore;
import io.multiprocessing4j.spi.shm.ShmValue;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A forkjvm context. A root context (opened by the user) owns a random key, an owner-only socket
 * directory and the names of its shared-memory files; a child context (opened lazily in a child
 * JVM) shares the parent's key, directory and file names, so handles work in both, and frees only
 * the sockets it made itself: files live as long as the root context.
 */
final class ForkJvmContext extends AbstractContext implements ConnectionProvider {
    private static final System.Logger LOG = System.getLogger(ForkJvmContext.class.getName());
    /** Spare JVMs a root context keeps when the options say "the backend's default". */
    static final int DEFAULT_SPARES = 1;
    /** Bytes of a queue's ring (a sparse file: only pages in use take memory). */
    static final long QUEUE_RING = 8L << 20;

    private final ChildState state;
    private final boolean root;
    private final byte[] key;
    private final Path socketDir;
    private final ShmFiles files;
    private final ContextOptions options;
    private final int spares;
    private final AtomicLong pipeIds = new AtomicLong(new SecureRandom().nextLong() & Long.MAX_VALUE);
    private final Thread shutdownHook;
    private volatile JvmLauncher launcher;
    private volatile SparePool sparePool;
    private volatile PipeBroker broker;

    private ForkJvmContext(ChildState state, boolean root, ContextOptions options, int spares) {
        super(ForkJvmBackend.NAME, capabilities(spares));
        this.state = state;
        this.root = root;
        this.key = state.key();
        this.socketDir = Path.of(state.socketDir());
        this.files = new ShmFiles(Path.of(state.shmDir()), state.ownerPid(), state.contextId());
        this.options = options;
        this.spares = spares;
        this.shutdownHook = new Thread(this::close, "mp4j-forkjvm-context-close");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Set<Capability> capabilities(int spares) {
        Set<Capability> c = EnumSet.of(Capability.ISOLATED_MEMORY, Capability.DISTINCT_PIDS,
                Capability.FORCED_TERMINATION, Capability.SIGNAL_EXIT_CODES, Capability.SERIALIZED_ARGUMENTS,
                Capability.ORPHAN_PROTECTION, Capability.ROBUST_LOCKS);
        if (spares > 0) {
            c.add(Capability.SPARE_PROCESSES);
        }
        return c;
    }

    /** Opens a root context. */
    static ForkJvmContext openRoot(ContextOptions options) {
        long pid = ProcessHandle.current().pid();
        byte[] idBytes = new byte[4];
        new SecureRandom().nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Path shmDir = ShmFiles.defaultDirectory();
        Path socketDir = UnixSockets.newPrivateDirectory(ShmFiles.PREFIX + pid + "-" + id + "-");
        ShmFiles.sweepOrphans(shmDir, socketDir.getParent());
        ChildState s = new ChildState(Authenticator.newKey(), socketDir.toString(), shmDir.toString(), pid, id,
                options.jvmOptions(), options.systemProperties(), options.aotCache());
        int spares = options.spareProcesses() < 0 ? DEFAULT_SPARES : options.spareProcesses();
        ForkJvmContext c = new ForkJvmContext(s, true, options, spares);
        if (options.spareProcesses() > 0) {
            c.sparePool().refill();
        }
        return c;
    }

    /** Opens the context of a child JVM from its parent's state (no spares: they would multiply). */
    static ForkJvmContext openChild(ChildState s) {
        ContextOptions o = new ContextOptions(s.jvmOptions(), s.systemProperties(), 0, s.aotCache());
        return new ForkJvmContext(s, false, o, 0);
    }

    // ---- processes ----

    private JvmLauncher launcher() {
        JvmLauncher l = launcher;
        if (l == null) {
            synchronized (this) {
                requireOpen();
                l = launcher;
                if (l == null) {
                    l = new JvmLauncher(key, socketDir, options);
                    launcher = l;
                }
            }
        }
        return l;
    }

    private SparePool sparePool() {
        SparePool p = sparePool;
        if (p == null) {
            synchronized (this) {
                p = sparePool;
                if (p == null) {
                    p = new SparePool(launcher(), spares);
                    sparePool = p;
                }
            }
        }
        return p;
    }

    @Override
    protected ProcessRuntime startProcess(ChildProcess process) {
        byte[] bytes = Codec.serialize(process);
        LaunchRequest request = new LaunchRequest(bytes, Multiprocessing.currentProcess(),
                ForkJvmBackend.class.getName(), state);
        byte[] message = Codec.serialize(request);
        JvmLauncher l = launcher();
        ChildJvm jvm = null;
        if (spares > 0) {
            SparePool pool = sparePool();
            for (ChildJvm spare; jvm == null && (spare = pool.take()) != null; ) {
                try {
                    spare.control().write(message, 0, message.length);
                    jvm = spare;
                } catch (RuntimeException e) {
                    spare.kill();
                }
            }
            pool.refill();
        }
        if (jvm == null) {
            ChildJvm cold = l.spawn();
            jvm = cold;
            Thread deliver = new Thread(() -> {
                try {
                    l.awaitConnected(cold);
                    cold.control().write(message, 0, message.length);
                } catch (RuntimeException e) {
                    // expected when the process was terminated or killed before it connected back
                    LOG.log(cold.signalled() || isClosed() ? Level.DEBUG : Level.WARNING,
                            "child JVM " + cold.pid() + " could not be given its process: " + e.getMessage());
                    cold.kill();
                }
            }, "mp4j-deliver-" + cold.pid());
            deliver.setDaemon(true);
            deliver.start();
        }
        if (!process.daemon()) {
            keepAlive(jvm);
        }
        return new ChildRuntime(jvm);
    }

    /** A non-daemon thread per non-daemon child keeps this JVM alive until the child ends, as Python joins them. */
    private static void keepAlive(ChildJvm jvm) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    jvm.process().waitFor();
                    return;
                } catch (InterruptedException e) {
                    // keep waiting: the JVM must not end before the child
                }
            }
        }, "mp4j-child-" + jvm.pid());
        t.setDaemon(false);
        t.start();
    }

    // ---- connections ----

    @Override
    public ConnectionListener listen() {
        requireOpen();
        return track(new UnixConnectionListener(socketDir.resolve(UnixSockets.randomName("l-")), key));
    }

    @Override
    public Connection connect(String address) {
        java.util.Objects.requireNonNull(address, "address");
        return new SocketConnection(UnixSockets.connect(Path.of(address), key));
    }

    @Override
    protected Pipe newPipe(boolean duplex) {
        PipeBroker b = broker;
        if (b == null) {
            synchronized (this) {
                requireOpen();
                b = broker;
                if (b == null) {
                    b = new PipeBroker(socketDir.resolve(UnixSockets.randomName("p-")), key);
                    broker = b;
                }
            }
        }
        long id = pipeIds.incrementAndGet();
        b.register(id);
        return new Pipe(new PipeEnd(b, b.address(), id, 0, key, true, duplex),
                new PipeEnd(b, b.address(), id, 1, key, duplex, true));
    }

    // ---- shared memory ----

    @Override
    protected <E> SharedQueue<E> newQueue(int maxsize) {
        return new ShmQueue<>(files.allocate(ShmQueue.HEADER + QUEUE_RING), files, maxsize, QUEUE_RING);
    }

    @Override
    protected <E> JoinableQueue<E> newJoinableQueue(int maxsize) {
        return new ShmQueue<>(files.allocate(ShmQueue.HEADER + QUEUE_RING), files, maxsize, QUEUE_RING);
    }

    @Override
    protected SharedLock newLock() {
        return new ShmLock(files.allocate(ShmLock.SIZE), 0, files);
    }

    @Override
    protected SharedRLock newRLock() {
        return new ShmRLock(files.allocate(ShmRLock.SIZE), 0, files);
    }

    @Override
    protected SharedSemaphore newSemaphore(int value, boolean bounded) {
        return ShmSemaphore.create(files.allocate(ShmSemaphore.SIZE), 0, value, bounded);
    }

    @Override
    protected SharedEvent newEvent() {
        return new ShmEvent(files.allocate(ShmEvent.SIZE), 0);
    }

    @Override
    protected SharedCondition newCondition(SharedMutex lock) {
        return new ShmCondition(lock, files.allocate(ShmCondition.SIZE), 0);
    }

    @Override
    protected SharedBarrier newBarrier(int parties, SerializableRunnable action, Duration timeout) {
        return new ShmBarrier(files.allocate(ShmBarrier.SIZE), 0, parties, action, timeout);
    }

    @Override
    protected SharedValue newValue(TypeCode typeCode, boolean withLock) {
        return new ShmValue(files.allocate(ShmValue.SIZE), 0, typeCode, withLock, files);
    }

    @Override
    protected SharedArray newArray(TypeCode typeCode, int length, boolean withLock) {
        return new ShmArray(files.allocate(ShmArray.size(typeCode, length)), 0, typeCode, length, withLock, files);
    }

    @Override
    protected SharedMemoryBlock newSharedMemory(long size) {
        Path p = files.newPath(ShmFiles.BLOCK);
        MappedRegion.create(p, size);
        return new ShmBlock(p, size);
    }

    @Override
    protected SharedMemoryBlock attach(String name) {
        Path p = files.blockPath(name);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no shared memory block named '" + name + "'");
        }
        try {
            return new ShmBlock(p, java.nio.file.Files.size(p));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("no shared memory block named '" + name + "'", e);
        }
    }

    @Override
    protected boolean ownsLock(SharedMutex lock) {
        return lock instanceof ShmLock || lock instanceof ShmRLock;
    }

    // ---- closing ----

    @Override
    protected void closeBackendResources() {
        for (AutoCloseable c : new AutoCloseable[] {sparePool, launcher, broker}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, "closing " + c + " failed", e);
                }
            }
        }
        if (root) {
            files.deleteAll();
            ShmFiles.deleteTree(socketDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is what runs this
        }
    }

    /** @return the directory of this context's socket files (for tests) */
    Path socketDirectory() {
        return socketDir;
    }

    /** @return the directory of its shared-memory files (for tests) */
    Path sharedMemoryDirectory() {
        return files.directory();
    }

    /**
     * Waits until the spare JVMs are ready (for tests and benchmarks).
     *
     * @param timeout the longest wait
     * @return whether they are
     * @throws InterruptedException if interrupted
     */
    boolean awaitSpares(Duration timeout) throws InterruptedException {
        return spares > 0 && sparePool().awaitReady(timeout.toNanos());
    }

    /** @return how many spare JVMs are ready now */
    int sparesReady() {
        SparePool p = sparePool;
        return p == null ? 0 : p.ready();
    }

    @Override
    public String toString() {
        return "Context[forkjvm" + (root ? "" : ", child") + (isClosed() ? ", closed]" : "]");
    }
}
