package io.multiprocessing4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;

/**
 * A FIFO queue shared between processes: Python's {@code multiprocessing.Queue}, as a
 * {@link BlockingQueue}. It is a serializable handle: pass it to a child (as a target's argument,
 * a pool task's argument or inside another message) and it reattaches there.
 *
 * <p>Items are serialized at {@code put} (CPython serializes later, in a feeder thread, and drops
 * what fails): a value that cannot be serialized fails the {@code put} in the caller with
 * {@link SerializationException}. {@code null} is refused with {@link NullPointerException}, as
 * {@code BlockingQueue} requires. A {@code maxsize} of zero or less means unbounded, as in Python.
 *
 * <p>The blocking calls are redeclared without checked exceptions; an interrupt while blocked
 * throws {@link ProcessInterruptedException} with the interrupt status set again. After
 * {@link #close()} every call of this process on the queue throws {@link IllegalStateException}.
 * On the threads backend nothing is serialized: items are shared by reference.
 *
 * @param <E> the item type
 */
public interface SharedQueue<E> extends BlockingQueue<E>, Serializable {
    /**
     * Puts an item, waiting while the queue is full. Python's {@code put(obj)}.
     *
     * @throws NullPointerException if {@code e} is null
     * @throws SerializationException if {@code e} cannot be serialized
     * @throws IllegalStateException if the queue was closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    @Override
    void put(E e);

    /**
     * Puts an item, waiting at most {@code timeout} while the queue is full.
     *
     * @param e the item
     * @param timeout the longest wait
     * @throws QueueFullException if the queue stayed full for {@code timeout}
     * @throws NullPointerException if {@code e} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws SerializationException if {@code e} cannot be serialized
     * @throws IllegalStateException if the queue was closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    void put(E e, Duration timeout);

    /**
     * Puts an item if there is room now. Python's {@code put_nowait}.
     *
     * @param e the item
     * @throws QueueFullException if the queue is full
     * @throws NullPointerException if {@code e} is null
     * @throws SerializationException if {@code e} cannot be serialized
     * @throws IllegalStateException if the queue was closed
     */
    void putNowait(E e);

    /**
     * Takes the head, waiting while the queue is empty.
     *
     * @throws IllegalStateException if the queue was closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    @Override
    E take();

    /**
     * Takes the head, waiting while the queue is empty. Python's {@code get()}; the same as
     * {@link #take()}.
     *
     * @return the head
     * @throws IllegalStateException if the queue was closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    E get();

    /**
     * Takes the head, waiting at most {@code timeout}. Python's {@code get(timeout=...)}.
     *
     * @param timeout the longest wait
     * @return the head
     * @throws QueueEmptyException if the queue stayed empty for {@code timeout}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if the queue was closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    E get(Duration timeout);

    /**
     * Takes the head if there is one now. Python's {@code get_nowait}.
     *
     * @return the head
     * @throws QueueEmptyException if the queue is empty
     * @throws IllegalStateException if the queue was closed
     */
    E getNowait();

    /** @return whether the queue is at its {@code maxsize} now (never for an unbounded queue) */
    boolean full();

    /** @return whether the queue is empty now */
    boolean empty();

    /** @return the approximate number of items, as Python's {@code qsize()} */
    int qsize();

    /** @return the {@code maxsize} given at creation; zero or less means unbounded */
    int maxsize();

    /**
     * Says this process will put no more items; items already put are still delivered. Further
     * calls of this process on the queue throw {@link IllegalStateException}. Idempotent.
     */
    void close();

    /**
     * Waits until every item this process put has been handed to the queue's shared buffer.
     * Python's {@code join_thread()}; only after {@link #close()}.
     *
     * @throws IllegalStateException if the queue was not closed first
     */
    void joinThread();
}
