package io.multiprocessing4j.spi.queue;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.spi.Checks;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A skeletal {@link SharedQueue}: the blocking, timed, non-blocking and Python-named forms of put
 * and get, and {@code drainTo}, in terms of two primitives ({@link #insert}, {@link #removeHead})
 * and the exceptions a backend names its queue in ({@link #fullException}, {@link #emptyException}).
 * It holds no state, so a subclass's serialized form is its own.
 *
 * <p>Timeouts are checked before the item; {@code null} items are for {@link #insert} to refuse,
 * with its own message. The {@link TimeUnit} forms turn {@link ProcessInterruptedException} into
 * {@link InterruptedException}, clearing the interrupt status, as {@code BlockingQueue} specifies.
 *
 * @param <E> the item type
 */
public abstract class AbstractSharedQueue<E> extends AbstractQueue<E> implements SharedQueue<E> {
    /** For subclasses. */
    protected AbstractSharedQueue() {
    }

    /**
     * Puts {@code e}, waiting up to {@code nanos} for room.
     *
     * @param e the item (may be null: refuse it with {@link NullPointerException})
     * @param nanos the longest wait: {@code 0} not at all, {@link Long#MAX_VALUE} without limit
     * @return whether the item went in; false if the queue stayed full
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    protected abstract boolean insert(E e, long nanos);

    /**
     * Takes the head, waiting up to {@code nanos} for one.
     *
     * @param nanos the longest wait: {@code 0} not at all, {@link Long#MAX_VALUE} without limit
     * @return the head, or null if the queue stayed empty
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    protected abstract E removeHead(long nanos);

    /**
     * @param timeout how long a put waited, or null for a put that did not wait
     * @return the exception for a put that found the queue full
     */
    protected abstract QueueFullException fullException(Duration timeout);

    /**
     * @param timeout how long a get waited, or null for a get that did not wait
     * @return the exception for a get that found the queue empty
     */
    protected abstract QueueEmptyException emptyException(Duration timeout);

    @Override
    public void put(E e) {
        if (!insert(e, Long.MAX_VALUE)) {
            throw fullException(null);
        }
    }

    @Override
    public void put(E e, Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        if (!insert(e, nanos)) {
            throw fullException(timeout);
        }
    }

    @Override
    public void putNowait(E e) {
        if (!insert(e, 0)) {
            throw fullException(null);
        }
    }

    @Override
    public boolean offer(E e) {
        return insert(e, 0);
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return insert(e, Math.max(0, unit.toNanos(timeout)));
        } catch (ProcessInterruptedException pie) {
            Thread.interrupted();
            throw new InterruptedException(pie.getMessage());
        }
    }

    @Override
    public E take() {
        E e = removeHead(Long.MAX_VALUE);
        if (e == null) {
            throw emptyException(null);
        }
        return e;
    }

    @Override
    public E get() {
        return take();
    }

    @Override
    public E get(Duration timeout) {
        long nanos = Checks.timeoutNanos(timeout);
        E e = removeHead(nanos);
        if (e == null) {
            throw emptyException(timeout);
        }
        return e;
    }

    @Override
    public E getNowait() {
        E e = removeHead(0);
        if (e == null) {
            throw emptyException(null);
        }
        return e;
    }

    @Override
    public E poll() {
        return removeHead(0);
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return removeHead(Math.max(0, unit.toNanos(timeout)));
        } catch (ProcessInterruptedException pie) {
            Thread.interrupted();
            throw new InterruptedException(pie.getMessage());
        }
    }

    /** @return {@link #qsize()} */
    @Override
    public int size() {
        return qsize();
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code maxElements} items to {@code c} with {@link #poll()}.
     *
     * @throws NullPointerException if {@code c} is null
     * @throws IllegalArgumentException if {@code c} is this queue
     */
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
}
