package io.multiprocessing4j.posix.context;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.JoinableQueue;
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
import io.multiprocessing4j.posix.memory.PosixArray;
import io.multiprocessing4j.posix.memory.PosixMemoryBlock;
import io.multiprocessing4j.posix.memory.PosixValue;
import io.multiprocessing4j.posix.queue.PosixJoinableQueue;
import io.multiprocessing4j.posix.queue.PosixQueue;
import io.multiprocessing4j.posix.shm.SegmentOwner;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.posix.sync.PosixBarrier;
import io.multiprocessing4j.posix.sync.PosixCondition;
import io.multiprocessing4j.posix.sync.PosixEvent;
import io.multiprocessing4j.posix.sync.PosixLock;
import io.multiprocessing4j.posix.sync.PosixMutex;
import io.multiprocessing4j.posix.sync.PosixRLock;
import io.multiprocessing4j.posix.sync.PosixSemaphore;
import io.multiprocessing4j.posix.sync.RobustMutex;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.posix.channel.PosixConnection;
import io.multiprocessing4j.posix.process.PosixLauncher;
import io.multiprocessing4j.spi.AbstractContext;
import io.multiprocessing4j.spi.ConnectionListener;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.channel.Authenticator;
import io.multiprocessing4j.spi.channel.SocketConnection;
import io.multiprocessing4j.spi.channel.UnixConnectionListener;
import io.multiprocessing4j.spi.channel.UnixSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The posix backend's context: every shared object is a POSIX shared memory object of its own
 * (created by {@link SegmentOwner}, which unlinks them all at close and whose tracker does so if
 * this process dies), synchronisation is on futex words inside them, processes are JVMs started
 * with {@code posix_spawn} ({@link PosixLauncher}), pipes are socketpairs. Listeners and their
 * clients (for managers) use the SPI's authenticated Unix-domain sockets with this context's key,
 * which its children share.
 */
public final class PosixContext extends AbstractContext implements ConnectionProvider {
    /** What the posix backend can do. */
    public static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(EnumSet.of(Capability.ISOLATED_MEMORY, Capability.DISTINCT_PIDS,
            Capability.FORCED_TERMINATION, Capability.SIGNAL_EXIT_CODES, Capability.SERIALIZED_ARGUMENTS,
            Capability.ORPHAN_PROTECTION, Capability.ROBUST_LOCKS, Capability.SPARE_PROCESSES,
            Capability.SHARED_PIPE_ENDS));

    private final SegmentOwner owner = new SegmentOwner();
    private final byte[] key;
    private final PosixLauncher launcher;
    private final Thread atExit = new Thread(this::exitLikePython, "mp4j-posix-at-exit");
    private Path socketDirectory;

    /**
     * Opens a root context with a fresh key.
     *
     * @param options its options
     */
    public PosixContext(ContextOptions options) {
        this(options, Authenticator.newKey());
    }

    /**
     * Opens a context with a given key (a child's, sharing its parent's).
     *
     * @param options its options
     * @param key the key
     */
    public PosixContext(ContextOptions options, byte[] key) {
        super("posix", capabilities(options));
        Objects.requireNonNull(options, "options");
        this.key = key.clone();
        this.launcher = new PosixLauncher(this.key, options, PosixChildContextFactory.class.getName());
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /** @return {@link #CAPABILITIES}, without spare processes when the options turn them off */
    private static Set<Capability> capabilities(ContextOptions options) {
        if (options != null && options.spareProcesses() == 0) {
            EnumSet<Capability> c = EnumSet.copyOf(CAPABILITIES);
            c.remove(Capability.SPARE_PROCESSES);
            return c;
        }
        return CAPABILITIES;
    }

    /**
     * Waits until this context's spare JVMs are spawned (benchmarks and tests).
     *
     * @param timeout the longest wait
     * @return whether they are (false if the context keeps none)
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted
     */
    public boolean awaitSpares(java.time.Duration timeout) {
        try {
            return launcher.awaitSpares(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.multiprocessing4j.ProcessInterruptedException("interrupted while waiting for spare JVMs", e);
        }
    }

    /** @return the pids of the spare JVMs ready now (tests) */
    public java.util.List<Long> sparePids() {
        return launcher.sparePids();
    }

    /**
     * What CPython's exit handler does when the program ends without closing the context: wait for
     * the non-daemon children, then end the daemon ones and free everything ({@link #close()}).
     * Not on SIGTERM of a child JVM: those run with {@code -Xrs} and die at once, as in Python.
     */
    private void exitLikePython() {
        for (ChildProcess c : activeChildren()) {
            if (!c.daemon()) {
                try {
                    c.join();
                } catch (RuntimeException e) {
                    // interrupted or closed meanwhile: go on ending the others
                }
            }
        }
        close();
    }

    /** @return the creator of this context's shared objects */
    public SegmentOwner owner() {
        return owner;
    }

    @Override
    protected ProcessRuntime startProcess(ChildProcess process) {
        return launcher.launch(process, PosixChildContextFactory.class.getName());
    }

    @Override
    protected <E> SharedQueue<E> newQueue(int maxsize) {
        return PosixQueue.create(owner, maxsize);
    }

    @Override
    protected <E> JoinableQueue<E> newJoinableQueue(int maxsize) {
        return PosixJoinableQueue.create(owner, maxsize);
    }

    @Override
    protected Pipe newPipe(boolean duplex) {
        return PosixConnection.pipe(duplex);
    }

    @Override
    protected Pipe newPrivatePipe() {
        return PosixConnection.privatePipe();
    }

    @Override
    public ConnectionListener listen() {
        requireOpen();
        return track(new UnixConnectionListener(socketDirectory().resolve(UnixSockets.randomName("l-")), key));
    }

    @Override
    public Connection connect(String address) {
        Objects.requireNonNull(address, "address");
        return new SocketConnection(UnixSockets.connect(Path.of(address), key));
    }

    private synchronized Path socketDirectory() {
        if (socketDirectory == null) {
            socketDirectory = UnixSockets.newPrivateDirectory("mp4j-posix-");
        }
        return socketDirectory;
    }

    @Override
    protected SharedLock newLock() {
        return new PosixLock(owner.create(RobustMutex.SIZE), 0, this);
    }

    @Override
    protected SharedRLock newRLock() {
        return new PosixRLock(owner.create(PosixRLock.SIZE), 0, this);
    }

    @Override
    protected SharedSemaphore newSemaphore(int value, boolean bounded) {
        return PosixSemaphore.create(owner.create(PosixSemaphore.SIZE), value, bounded);
    }

    @Override
    protected SharedEvent newEvent() {
        return new PosixEvent(owner.create(PosixEvent.SIZE));
    }

    @Override
    protected SharedCondition newCondition(SharedMutex lock) {
        return new PosixCondition(owner.create(PosixCondition.SIZE), (PosixMutex) lock);
    }

    @Override
    protected SharedBarrier newBarrier(int parties, SerializableRunnable action, Duration timeout) {
        return PosixBarrier.create(owner.create(PosixBarrier.SIZE), parties, action, timeout);
    }

    @Override
    protected SharedValue newValue(TypeCode typeCode, boolean withLock) {
        ShmRef ref = owner.create(PosixValue.SIZE);
        return new PosixValue(ref, typeCode, withLock ? new PosixRLock(ref, 0, this) : null);
    }

    @Override
    protected SharedArray newArray(TypeCode typeCode, int length, boolean withLock) {
        ShmRef ref = owner.create(PosixArray.bytes(typeCode, length));
        return new PosixArray(ref, typeCode, length, withLock ? new PosixRLock(ref, 0, this) : null);
    }

    @Override
    protected SharedMemoryBlock newSharedMemory(long size) {
        return new PosixMemoryBlock(owner.createBlock(size));
    }

    @Override
    protected SharedMemoryBlock attach(String name) {
        return PosixMemoryBlock.attach(name);
    }

    @Override
    protected void closeBackendResources() {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: this runs from that hook
        }
        launcher.close();
        owner.close();
        Path dir;
        synchronized (this) {
            dir = socketDirectory;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.getLogger(PosixContext.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove " + dir, e);
            }
        }
    }

    @Override
    protected boolean ownsLock(SharedMutex lock) {
        return lock instanceof PosixMutex;
    }
}
