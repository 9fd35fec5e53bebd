package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.ProcessScope;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * What the posix locks share: a {@link RobustMutex} at an offset of a shared object, the
 * {@link SharedMutex} plumbing, and the full release and reacquire a {@link PosixCondition} needs.
 */
public abstract sealed class PosixMutex implements SharedMutex permits PosixLock, PosixRLock {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The shared object holding the mutex. */
    final ShmRef ref;
    /** The mutex's offset in it. */
    final long offset;
    /** The context that made it, for {@link #newCondition()}; null after deserialization. */
    private final transient Context context;
    /** Built on first use (also after deserialization): see {@link #description()}. */
    private transient Object description;

    PosixMutex(ShmRef ref, long offset, Context context) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.offset = offset;
        this.context = context;
    }

    final MemorySegment segment() {
        return ref.segment();
    }

    @Override
    public final boolean acquire(Duration timeout) {
        long nanos = io.multiprocessing4j.spi.Checks.timeoutNanos(timeout);
        return acquire(Waiting.deadline(nanos));
    }

    @Override
    public final void acquire() {
        acquire(Long.MAX_VALUE);
    }

    /**
     * @param deadline from {@link Waiting#deadline}
     * @return whether acquired
     */
    abstract boolean acquire(long deadline);

    /** @return whether the calling thread may wait on a condition of this lock */
    abstract boolean heldForCondition();

    /**
     * Releases completely before a condition wait.
     *
     * @return what {@link #reacquireAfterWait} needs to restore
     */
    abstract int releaseForWait();

    /**
     * Reacquires after a condition wait, ignoring interrupts and deadlines (as
     * {@link java.util.concurrent.locks.Condition} requires).
     *
     * @param saved from {@link #releaseForWait()}
     */
    final void reacquireAfterWait(int saved) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                acquire(Long.MAX_VALUE);
                break;
            } catch (io.multiprocessing4j.ProcessInterruptedException e) {
                interrupted = Thread.interrupted() | true;
            }
        }
        restoreAfterWait(saved);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param saved from {@link #releaseForWait()} */
    abstract void restoreAfterWait(int saved);

    @Override
    public final boolean ownerDied() {
        return RobustMutex.ownerDied(segment(), offset);
    }

    @Override
    public final SharedCondition newCondition() {
        Context c = context != null ? context : ProcessScope.current().context();
        return c.condition(this);
    }

    /**
     * @return an object whose {@code toString()} is {@link #describe()}: handed to waits so the
     *     message is built only if one is needed, never on the uncontended path
     */
    final Object description() {
        Object d = description;
        if (d == null) {
            d = new Object() {
                @Override
                public String toString() {
                    return describe();
                }
            };
            description = d;
        }
        return d;
    }

    /** @return a name for messages */
    final String describe() {
        return getClass().getSimpleName() + " " + ref.name() + (offset == 0 ? "" : "@" + offset);
    }

    @Override
    public String toString() {
        return describe() + "[holder pid " + RobustMutex.holder(segment(), offset) + "]";
    }
}
