package io.multiprocessing4j.posix;

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
import io.multiprocessing4j.spi.AbstractContext;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The posix backend's context: every shared object is a POSIX shared memory object of its own
 * (created by {@link SegmentOwner}, which unlinks them all at close and whose tracker does so if
 * this process dies), synchronisation is on futex words inside them.
 */
final class PosixContext extends AbstractContext {
    static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.ISOLATED_MEMORY, Capability.DISTINCT_PIDS,
            Capability.FORCED_TERMINATION, Capability.SIGNAL_EXIT_CODES, Capability.SERIALIZED_ARGUMENTS,
            Capability.ORPHAN_PROTECTION, Capability.ROBUST_LOCKS);

    private final ContextOptions options;
    private final SegmentOwner owner = new SegmentOwner();

    PosixContext(ContextOptions options) {
        super("posix", CAPABILITIES);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return the creator of this context's shared objects */
    SegmentOwner owner() {
        return owner;
    }

    @Override
    protected ProcessRuntime startProcess(ChildProcess process) {
        throw new UnsupportedOperationException("posix process launch is not implemented yet");
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
        throw new UnsupportedOperationException("posix pipes are not implemented yet");
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
        owner.close();
    }

    @Override
    protected boolean ownsLock(SharedMutex lock) {
        return lock instanceof PosixMutex;
    }
}
