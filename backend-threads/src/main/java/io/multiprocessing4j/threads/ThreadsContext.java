package io.multiprocessing4j.threads;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
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
import io.multiprocessing4j.spi.AbstractContext;
import io.multiprocessing4j.spi.ConnectionListener;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context of the threads backend: processes are threads of this JVM and everything they share
 * is shared by reference. Listeners and shared memory blocks it made are freed when it closes.
 */
final class ThreadsContext extends AbstractContext implements ConnectionProvider {
    private static final System.Logger LOG = System.getLogger(ThreadsContext.class.getName());

    private final List<ThreadsListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ThreadsMemoryBlock.Block> blocks = new CopyOnWriteArrayList<>();

    ThreadsContext(String name, Set<Capability> capabilities) {
        super(name, capabilities);
    }

    @Override
    protected ProcessRuntime startProcess(ChildProcess process) {
        return ThreadProcessRuntime.start(process, this);
    }

    @Override
    protected <E> SharedQueue<E> newQueue(int maxsize) {
        return new ThreadsQueue<>(maxsize);
    }

    @Override
    protected <E> JoinableQueue<E> newJoinableQueue(int maxsize) {
        return new ThreadsJoinableQueue<>(maxsize);
    }

    @Override
    protected Pipe newPipe(boolean duplex) {
        Pipe p = ThreadsConnection.pipe(duplex);
        ((ThreadsConnection) p.left()).hold();
        ((ThreadsConnection) p.right()).hold();
        return p;
    }

    @Override
    protected SharedLock newLock() {
        return new ThreadsLock();
    }

    @Override
    protected SharedRLock newRLock() {
        return new ThreadsRLock();
    }

    @Override
    protected SharedSemaphore newSemaphore(int value, boolean bounded) {
        return new ThreadsSemaphore(value, bounded);
    }

    @Override
    protected SharedEvent newEvent() {
        return new ThreadsEvent();
    }

    @Override
    protected SharedCondition newCondition(SharedMutex lock) {
        return new ThreadsCondition((ThreadsMutex) lock);
    }

    @Override
    protected SharedBarrier newBarrier(int parties, SerializableRunnable action, Duration timeout) {
        return new ThreadsBarrier(parties, action, timeout);
    }

    @Override
    protected SharedValue newValue(TypeCode typeCode, boolean withLock) {
        return new ThreadsValue(typeCode, withLock);
    }

    @Override
    protected SharedArray newArray(TypeCode typeCode, int length, boolean withLock) {
        return new ThreadsArray(typeCode, length, withLock);
    }

    @Override
    protected SharedMemoryBlock newSharedMemory(long size) {
        ThreadsMemoryBlock b = ThreadsMemoryBlock.create(size);
        blocks.add(b.block());
        return b;
    }

    @Override
    protected SharedMemoryBlock attach(String name) {
        return ThreadsMemoryBlock.attach(name);
    }

    @Override
    protected boolean ownsLock(SharedMutex lock) {
        return lock instanceof ThreadsMutex;
    }

    @Override
    public ConnectionListener listen() {
        requireOpen();
        ThreadsListener l = ThreadsListener.open(this);
        listeners.add(l);
        return l;
    }

    @Override
    public Connection connect(String address) {
        Objects.requireNonNull(address, "address");
        return ThreadsListener.connect(this, address);
    }

    @Override
    protected void closeBackendResources() {
        for (ThreadsListener l : listeners) {
            l.close();
        }
        listeners.clear();
        for (ThreadsMemoryBlock.Block b : blocks) {
            if (b.unlink()) {
                LOG.log(Level.WARNING, "shared memory block ''{0}'' was never unlinked; unlinked it as its context closed",
                        b.name);
            }
        }
        blocks.clear();
    }
}
