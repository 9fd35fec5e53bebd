package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.spi.queue.AbstractSharedQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO queue kept by the manager (Python's {@code manager.Queue()}). Clients handle
 * {@code close}, {@code joinThread}, iteration and {@code drainTo} on their side.
 */
public final class ServerQueue extends AbstractSharedQueue<Object> implements Served {
    private static final long serialVersionUID = 1L;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final int maxsize;

    /** @param maxsize the bound; zero or less is unbounded */
    public ServerQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    @Override
    public Class<?> proxyType() {
        return SharedQueue.class;
    }

    private boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    @Override
    protected synchronized boolean insert(Object e, long nanos) {
        Objects.requireNonNull(e, "a queue refuses null");
        if (!Caller.awaitWhile(this, this::isFull, nanos)) {
            return false;
        }
        items.add(e);
        notifyAll();
        return true;
    }

    @Override
    protected synchronized Object removeHead(long nanos) {
        if (!Caller.awaitWhile(this, items::isEmpty, nanos)) {
            return null;
        }
        Object e = items.poll();
        notifyAll();
        return e;
    }

    @Override
    protected QueueFullException fullException(Duration timeout) {
        if (timeout == null) {
            return new QueueFullException("queue is full (maxsize " + maxsize + ")");
        }
        return new QueueFullException("queue stayed full (maxsize " + maxsize + ") for " + timeout);
    }

    @Override
    protected QueueEmptyException emptyException(Duration timeout) {
        return new QueueEmptyException(timeout == null ? "queue is empty" : "queue stayed empty for " + timeout);
    }

    /** Unlike the default, lets {@link io.multiprocessing4j.ProcessInterruptedException} through to the client. */
    @Override
    public boolean offer(Object e, long timeout, TimeUnit unit) {
        return insert(e, Math.max(0, unit.toNanos(timeout)));
    }

    /** Unlike the default, lets {@link io.multiprocessing4j.ProcessInterruptedException} through to the client. */
    @Override
    public Object poll(long timeout, TimeUnit unit) {
        return removeHead(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public synchronized Object peek() {
        return items.peek();
    }

    @Override
    public synchronized int size() {
        return items.size();
    }

    @Override
    public synchronized boolean full() {
        return isFull();
    }

    @Override
    public synchronized boolean empty() {
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
    public synchronized int remainingCapacity() {
        return maxsize > 0 ? maxsize - items.size() : Integer.MAX_VALUE;
    }

    @Override
    public synchronized boolean remove(Object o) {
        boolean removed = items.removeFirstOccurrence(o);
        if (removed) {
            notifyAll();
        }
        return removed;
    }

    @Override
    public synchronized boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public synchronized boolean removeAll(Collection<?> c) {
        boolean changed = items.removeAll(c);
        notifyAll();
        return changed;
    }

    @Override
    public synchronized boolean retainAll(Collection<?> c) {
        boolean changed = items.retainAll(c);
        notifyAll();
        return changed;
    }

    @Override
    public synchronized void clear() {
        items.clear();
        notifyAll();
    }

    @Override
    public synchronized Object[] toArray() {
        return items.toArray();
    }

    @Override
    public synchronized <T> T[] toArray(T[] a) {
        return items.toArray(a);
    }

    /** A snapshot: the live queue is never iterated by clients. */
    @Override
    public synchronized Iterator<Object> iterator() {
        return new ArrayList<>(items).iterator();
    }

    @Override
    public synchronized int drainTo(Collection<? super Object> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        int n = 0;
        while (n < maxElements && !items.isEmpty()) {
            c.add(items.poll());
            n++;
        }
        if (n > 0) {
            notifyAll();
        }
        return n;
    }

    /** @param max the most to take @return up to {@code max} items taken from the head */
    public List<Object> drain(int max) {
        List<Object> out = new ArrayList<>();
        drainTo(out, max);
        return out;
    }

    @Override
    public void close() {
        // handled by each client's proxy
    }

    @Override
    public void joinThread() {
        // handled by each client's proxy
    }
}
