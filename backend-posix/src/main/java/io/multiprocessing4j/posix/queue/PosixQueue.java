package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.posix.shm.SegmentOwner;
import io.multiprocessing4j.posix.sync.Waiting;
import io.multiprocessing4j.spi.queue.AbstractSharedQueue;
import java.io.Serial;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Queue} on a {@link QueueCore} in shared memory. Items are encoded
 * at {@code put} ({@link ItemCodec}) and copied into shared memory before {@code put} returns, so
 * there is no feeder thread: {@link #joinThread()} has nothing to wait for, and a producer that
 * exits right after {@code put} loses nothing (CPython's feeder thread can).
 *
 * <p>The iterator is a snapshot of the items present when it is made; its {@code remove} is not
 * supported, so neither are {@code remove(Object)}, {@code removeAll} and {@code retainAll}.
 *
 * @param <E> the item type
 */
public class PosixQueue<E> extends AbstractSharedQueue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The shared state. */
    final QueueCore core;
    private transient volatile boolean closed;

    PosixQueue(QueueCore core) {
        this.core = core;
    }

    /**
     * Creates a queue.
     *
     * @param <E> the item type
     * @param owner the context's creator of shared objects
     * @param maxsize the bound, 0 for unbounded
     * @return the queue
     */
    public static <E> PosixQueue<E> create(SegmentOwner owner, int maxsize) {
        return new PosixQueue<>(QueueCore.create(owner, maxsize));
    }

    /**
     * Fault injection for tests: {@code hook} runs in every put of this process after the item's
     * record is written and before it is committed (null removes it).
     *
     * @param hook what to run there
     */
    public static void faultHookBeforeCommit(Runnable hook) {
        QueueCore.beforeCommit = hook;
    }

    final void requireOpen() {
        if (closed) {
            throw new IllegalStateException("queue " + core.name() + " was closed in this process");
        }
    }

    private boolean put(E e, long deadline) {
        Objects.requireNonNull(e, "a queue does not accept null");
        requireOpen();
        ItemCodec.Encoded encoded = ItemCodec.encode(e);
        return core.put(encoded.kind(), encoded.bytes(), deadline);
    }

    @Override
    protected boolean insert(E e, long nanos) {
        return put(e, Waiting.deadline(nanos));
    }

    @Override
    protected QueueFullException fullException(Duration timeout) {
        if (timeout == null) {
            return new QueueFullException("queue " + core.name() + " is full (maxsize " + core.maxsize() + ")");
        }
        return new QueueFullException("queue " + core.name() + " stayed full (maxsize " + core.maxsize()
                + ") for " + timeout);
    }

    @SuppressWarnings("unchecked")
    private E take(long deadline) {
        requireOpen();
        Ring.Item item = core.take(deadline);
        return item == null ? null : (E) ItemCodec.decode(item.kind(), item.bytes());
    }

    @Override
    protected E removeHead(long nanos) {
        return take(Waiting.deadline(nanos));
    }

    @Override
    protected QueueEmptyException emptyException(Duration timeout) {
        if (timeout == null) {
            return new QueueEmptyException("queue " + core.name() + " is empty");
        }
        return new QueueEmptyException("queue " + core.name() + " stayed empty for " + timeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        requireOpen();
        List<Ring.Item> head = core.snapshot(1);
        return head.isEmpty() ? null : (E) ItemCodec.decode(head.get(0).kind(), head.get(0).bytes());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<E> iterator() {
        requireOpen();
        List<E> items = core.snapshot(Integer.MAX_VALUE).stream()
                .map(i -> (E) ItemCodec.decode(i.kind(), i.bytes())).toList();
        return Collections.unmodifiableList(items).iterator();
    }

    @Override
    public int remainingCapacity() {
        requireOpen();
        int max = core.maxsize();
        return max <= 0 ? Integer.MAX_VALUE : (int) Math.max(0, max - core.size());
    }

    @Override
    public boolean full() {
        requireOpen();
        int max = core.maxsize();
        return max > 0 && core.size() >= max;
    }

    @Override
    public boolean empty() {
        requireOpen();
        return core.size() == 0;
    }

    @Override
    public int qsize() {
        requireOpen();
        return (int) Math.min(Integer.MAX_VALUE, core.size());
    }

    @Override
    public int maxsize() {
        return core.maxsize();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void joinThread() {
        if (!closed) {
            throw new IllegalStateException("joinThread() before close() on queue " + core.name());
        }
        // Nothing to wait for: put() copies each item into shared memory before it returns.
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + core.name() + ", maxsize=" + core.maxsize() + (closed ? ", closed]" : "]");
    }
}
