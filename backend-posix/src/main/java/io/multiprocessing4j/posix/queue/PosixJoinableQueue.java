package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.posix.shm.SegmentOwner;
import io.multiprocessing4j.posix.sync.Waiting;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;

/**
 * Python's {@code JoinableQueue}: the count of unfinished tasks is {@code tail - done} in the
 * queue's header (see {@link QueueCore}), so it needs no update at put beyond the commit itself,
 * and a producer killed mid-put cannot leave it off by one.
 *
 * @param <E> the item type
 */
public final class PosixJoinableQueue<E> extends PosixQueue<E> implements JoinableQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private PosixJoinableQueue(QueueCore core) {
        super(core);
    }

    /**
     * Creates a joinable queue.
     *
     * @param <E> the item type
     * @param owner the context's creator of shared objects
     * @param maxsize the bound, 0 for unbounded
     * @return the queue
     */
    public static <E> PosixJoinableQueue<E> create(SegmentOwner owner, int maxsize) {
        return new PosixJoinableQueue<>(QueueCore.create(owner, maxsize));
    }

    @Override
    public void taskDone() {
        requireOpen();
        core.taskDone();
    }

    @Override
    public void join() {
        requireOpen();
        core.join(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        requireOpen();
        return core.join(Waiting.deadline(nanos));
    }
}
