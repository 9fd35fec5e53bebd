package io.multiprocessing4j.threads;

import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.ProcessScope;
import java.io.Serial;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The threads backend's queue: a {@link LinkedBlockingQueue} (bounded by {@code maxsize}, or
 * unbounded) whose items are shared by reference. {@link #close()} is per "process": the
 * {@link ProcessScope} that closed it gets {@link IllegalStateException} from then on, others go on.
 *
 * @param <E> the item type
 */
class ThreadsQueue<E> extends AbstractQueue<E> implements SharedQueue<E> {
    private final LinkedBlockingQueue<E> items;
    private final int maxsize;
    private final Set<ProcessScope> closedBy = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private volatile boolean closedAnywhere;

    ThreadsQueue(int maxsize) {
        this.maxsize = maxsize;
        this.items = maxsize > 0 ? new LinkedBlockingQueue<>(maxsize) : new LinkedBlockingQueue<>();
    }

    /** Called before an item goes in; {@link #notInserted()} undoes it if it did not. */
    void beforeInsert() {
    }

    /** Undoes {@link #beforeInsert()} for an item that was not inserted. */
    void notInserted() {
    }

    final void checkOpen() {
        if (closedAnywhere && closedBy.contains(ProcessScope.current())) {
            throw new IllegalStateException("queue is closed (by this process)");
        }
    }

    private boolean insert(E e, long nanos) throws InterruptedException {
        Objects.requireNonNull(e, "a queue does not accept null");
        checkOpen();
        beforeInsert();
        boolean ok = false;
        try {
            if (nanos == Long.MAX_VALUE) {
                items.put(e);
                ok = true;
            } else {
                ok = nanos == 0 ? items.offer(e) : items.offer(e, nanos, TimeUnit.NANOSECONDS);
            }
            return ok;
        } finally {
            if (!ok) {
                notInserted();
            }
        }
    }

    private String fullMessage() {
        return "queue is full (maxsize " + maxsize + ")";
    }

    @Override
    public void put(E e) {
        try {
            insert(e, Long.MAX_VALUE);
        } catch (InterruptedException ie) {
            throw Interrupts.interrupted("queue put", ie);
        }
    }

    @Override
    public void put(E e, Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        try {
            if (!insert(e, nanos)) {
                throw new QueueFullException(fullMessage() + " for " + timeout);
            }
        } catch (InterruptedException ie) {
            throw Interrupts.interrupted("queue put", ie);
        }
    }

    @Override
    public void putNowait(E e) {
        if (!offer(e)) {
            throw new QueueFullException(fullMessage());
        }
    }

    @Override
    public boolean offer(E e) {
        try {
            return insert(e, 0);
        } catch (InterruptedException ie) {
            throw new AssertionError("offer without waiting was interrupted", ie);
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return insert(e, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public E take() {
        checkOpen();
        try {
            return items.take();
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("queue get", e);
        }
    }

    @Override
    public E get() {
        return take();
    }

    @Override
    public E get(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        checkOpen();
        try {
            E e = nanos == Long.MAX_VALUE ? items.take() : items.poll(nanos, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new QueueEmptyException("queue stayed empty for " + timeout);
            }
            return e;
        } catch (InterruptedException ie) {
            throw Interrupts.interrupted("queue get", ie);
        }
    }

    @Override
    public E getNowait() {
        E e = poll();
        if (e == null) {
            throw new QueueEmptyException("queue is empty");
        }
        return e;
    }

    @Override
    public E poll() {
        checkOpen();
        return items.poll();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        checkOpen();
        return items.poll(timeout, unit);
    }

    @Override
    public E peek() {
        checkOpen();
        return items.peek();
    }

    @Override
    public int size() {
        checkOpen();
        return items.size();
    }

    @Override
    public int remainingCapacity() {
        checkOpen();
        return items.remainingCapacity();
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
        checkOpen();
        return items.drainTo(c, maxElements);
    }

    @Override
    public Iterator<E> iterator() {
        checkOpen();
        return items.iterator();
    }

    @Override
    public boolean contains(Object o) {
        checkOpen();
        return items.contains(o);
    }

    @Override
    public boolean remove(Object o) {
        checkOpen();
        return items.remove(o);
    }

    @Override
    public void clear() {
        checkOpen();
        items.clear();
    }

    @Override
    public Object[] toArray() {
        checkOpen();
        return items.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        checkOpen();
        return items.toArray(a);
    }

    @Override
    public boolean full() {
        checkOpen();
        return maxsize > 0 && items.remainingCapacity() == 0;
    }

    @Override
    public boolean empty() {
        checkOpen();
        return items.isEmpty();
    }

    @Override
    public int qsize() {
        return size();
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public void close() {
        closedBy.add(ProcessScope.current());
        closedAnywhere = true;
    }

    @Override
    public void joinThread() {
        if (!closedBy.contains(ProcessScope.current())) {
            throw new IllegalStateException("joinThread() needs close() first, as in Python");
        }
        // Items are handed over at put: there is no feeder thread to wait for.
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[maxsize=" + maxsize + ", size=" + items.size() + "]";
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
