package io.multiprocessing4j;

/**
 * A non-reentrant lock shared across processes: Python's {@code multiprocessing.Lock}. As there,
 * it has no owner: any process or thread may release it (a second {@code acquire} by the holder
 * waits like anyone else's). Releasing it when it is not held throws
 * {@link IllegalStateException}.
 *
 * <p>On backends with {@link Capability#ROBUST_LOCKS}, a lock whose holder died is recovered by
 * the next {@code acquire}, which reports {@link #ownerDied()} and logs a warning naming the dead
 * pid; CPython leaves such a lock locked forever.
 */
public interface SharedLock extends SharedMutex {
    /** @return whether some process holds the lock now (a snapshot) */
    boolean isLocked();
}
