package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.shm.Words;
import java.io.Serial;
import java.lang.foreign.MemorySegment;

/**
 * Python's {@code RLock}: a {@link RobustMutex} plus the owning thread and a count.
 *
 * <pre>
 *   off+0:  int  word        RobustMutex: 0 free, else holder pid | WAITERS
 *   off+4:  int  ownerDied   RobustMutex
 *   off+8:  long thread      the holder's Thread.threadId() within its pid; 0 while free
 *   off+16: int  count       holds by that thread
 * </pre>
 *
 * The owner is (pid in the word, thread id). Release clears the thread before freeing the word, so
 * a thread of the holder's own process can never mistake a stale id for its own.
 */
public final class PosixRLock extends PosixMutex implements SharedRLock {
    /** Bytes this lock uses. */
    public static final long SIZE = 24;
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long THREAD = 8;
    private static final long COUNT = 16;

    /**
     * @param ref the shared object
     * @param offset where its {@value #SIZE} bytes lie (8-aligned)
     * @param context the creating context, or null
     */
    public PosixRLock(ShmRef ref, long offset, Context context) {
        super(ref, offset, context);
    }

    @Override
    boolean acquire(long deadline) {
        MemorySegment s = segment();
        if (isHeldByCurrentThread()) {
            Words.setInt(s, offset + COUNT, Words.getInt(s, offset + COUNT) + 1);
            return true;
        }
        if (RobustMutex.acquire(s, offset, deadline, description()) == RobustMutex.Result.TIMED_OUT) {
            return false;
        }
        Words.setLong(s, offset + THREAD, Thread.currentThread().threadId());
        Words.setInt(s, offset + COUNT, 1);
        return true;
    }

    @Override
    public void release() {
        MemorySegment s = segment();
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("release of " + describe()
                    + " by a thread that does not hold it (holder pid " + RobustMutex.holder(s, offset) + ")");
        }
        int count = Words.getInt(s, offset + COUNT);
        if (count > 1) {
            Words.setInt(s, offset + COUNT, count - 1);
            return;
        }
        Words.setInt(s, offset + COUNT, 0);
        Words.setLong(s, offset + THREAD, 0);
        RobustMutex.release(s, offset);
    }

    @Override
    public int holdCount() {
        return isHeldByCurrentThread() ? Words.getInt(segment(), offset + COUNT) : 0;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        MemorySegment s = segment();
        return RobustMutex.holder(s, offset) == RobustMutex.pid()
                && Words.getLong(s, offset + THREAD) == Thread.currentThread().threadId();
    }

    @Override
    boolean heldForCondition() {
        return isHeldByCurrentThread();
    }

    @Override
    int releaseForWait() {
        MemorySegment s = segment();
        int count = Words.getInt(s, offset + COUNT);
        Words.setInt(s, offset + COUNT, 0);
        Words.setLong(s, offset + THREAD, 0);
        RobustMutex.release(s, offset);
        return count;
    }

    @Override
    void restoreAfterWait(int saved) {
        Words.setInt(segment(), offset + COUNT, saved);
    }
}
