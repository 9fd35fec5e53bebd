package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.posix.shm.ShmRef;
import java.io.Serial;

/**
 * Python's {@code Lock} on a {@link RobustMutex}: not reentrant, no owner (anyone may release it),
 * recovered from a dead holder with {@link #ownerDied()} set.
 */
public final class PosixLock extends PosixMutex implements SharedLock {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param ref the shared object
     * @param offset where its {@value RobustMutex#SIZE}-byte mutex lies
     * @param context the creating context, or null
     */
    public PosixLock(ShmRef ref, long offset, Context context) {
        super(ref, offset, context);
    }

    @Override
    boolean acquire(long deadline) {
        return RobustMutex.acquire(segment(), offset, deadline, description()) != RobustMutex.Result.TIMED_OUT;
    }

    @Override
    public void release() {
        if (!RobustMutex.release(segment(), offset)) {
            throw new IllegalStateException("release of " + describe() + ", which is not locked");
        }
    }

    @Override
    public boolean isLocked() {
        return RobustMutex.holder(segment(), offset) != 0;
    }

    @Override
    boolean heldForCondition() {
        return isLocked(); // a Lock has no owner, as in Python: "held" is all we can check
    }

    @Override
    int releaseForWait() {
        release();
        return 1;
    }

    @Override
    void restoreAfterWait(int saved) {
        // nothing to restore: a Lock has no count
    }
}
