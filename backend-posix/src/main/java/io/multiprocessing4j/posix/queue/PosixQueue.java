package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.posix.shm.SegmentOwner;
import io.multiprocessing4j.posix.sync.Waiting;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
public class PosixQueue<E> extends AbstractQueue<E> implements SharedQueue<E> {
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
     * slot is written and before it is committed (null removes it).
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
    public void put(E e) {
        put(e, Long.MAX_VALUE);
    }

    @Override
    public void put(E e, Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (!put(e, Waiting.deadline(nanos))) {
            throw new QueueFullException("queue " + core.name() + " stayed full (maxsize " + core.maxsize()
                    + ") for " + timeout);
        }
    }

    @Override
    public void putNowait(E e) {
        if (!put(e, Waiting.deadline(0))) {
            throw new QueueFullException("queue " + core.name() + " is full (maxsize " + core.maxsize() + ")");
        }
    }

    @Override
    public boolean offer(E e) {
        return put(e, Waiting.deadline(0));
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return put(e, Waiting.deadline(Math.max(0, unit.toNanos(timeout))));
        } catch (ProcessInterruptedException ex) {
            Thread.interrupted();
            throw new InterruptedException(ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private E take(long deadline) {
        requireOpen();
        Ring.Item item = core.take(deadline);
        return item == null ? null : (E) ItemCodec.decode(item.kind(), item.bytes());
    }

    @Override
    public E take() {
        return take(Long.MAX_VALUE);
    }

    @Override
    public E get() {
        return take(Long.MAX_VALUE);
    }

    @Override
    public E get(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        E e = take(Waiting.deadline(nanos));
        if (e == null) {
            throw new QueueEmptyException("queue " + core.name() + " stayed empty for " + timeout);
        }
        return e;
    }

    @Override
    public E getNowait() {
        E e = take(Waiting.deadline(0));
        if (e == null) {
            throw new QueueEmptyException("queue " + core.name() + " is empty");
        }
        return e;
    }

    @Override
    public E poll() {
        return take(Waiting.deadline(0));
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return take(Waiting.deadline(Math.max(0, unit.toNanos(timeout))));
        } catch (ProcessInterruptedException ex) {
            Thread.interrupted();
            throw new InterruptedException(ex.getMessage());
        }
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
    public int size() {
        return qsize();
    }

    @Override
    public int remainingCapacity() {
        requireOpen();
        int max = core.maxsize();
        return max <= 0 ? Integer.MAX_VALUE : (int) Math.max(0, max - core.size());
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int n = 0;
        for (E e; n < maxElements && (e = poll()) != null; n++) {
            c.add(e);
        }
        return n;
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
