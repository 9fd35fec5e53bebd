package io.multiprocessing4j;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One backend, opened: the factory for processes and everything they share. Python's
 * {@code get_context(name)}. Closing it ends its children still running (SIGTERM, then SIGKILL
 * after a grace period), shuts its pools and managers and frees its shared memory, so nothing is
 * left behind; after that its factory methods throw {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (Context mp = Multiprocessing.context()) {
 *     SharedQueue<String> q = mp.queue();
 *     ChildProcess p = mp.process(queue -> queue.put("hello"), q).start();
 *     System.out.println(q.get());
 *     p.join();
 * }
 * }</pre>
 *
 * <p>Every factory validates its arguments and refuses bad ones at the call, naming the value.
 */
public interface Context extends AutoCloseable {
    /** @return the backend's name ({@code "threads"}, {@code "forkjvm"}, {@code "posix"}, ...) */
    String backendName();

    /** @return what this backend can and cannot do */
    Set<Capability> capabilities();

    /**
     * @param capability a capability
     * @return whether this backend has it
     */
    default boolean has(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Makes a process running {@code target} (not started yet). Python's {@code Process(target=f)}.
     *
     * @param target what the process runs
     * @return the process
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if this context is closed
     */
    ChildProcess process(SerializableRunnable target);

    /**
     * Makes a process running {@code target(arg)}. Python's {@code Process(target=f, args=(x,))}.
     *
     * @param <A> the argument's type
     * @param target what the process runs
     * @param arg its argument (serialized with it; handles such as queues reattach in the child)
     * @return the process
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if this context is closed
     */
    <A> ChildProcess process(SerializableConsumer<? super A> target, A arg);

    /**
     * Makes a process running {@code target(a, b)}. Python's {@code Process(target=f, args=(a, b))}.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param target what the process runs
     * @param a the first argument
     * @param b the second argument
     * @return the process
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalStateException if this context is closed
     */
    <A, B> ChildProcess process(SerializableBiConsumer<? super A, ? super B> target, A a, B b);

    /** @return the children of the calling process started from this context and still running */
    List<ChildProcess> activeChildren();

    /**
     * @param <E> the item type
     * @return a new unbounded queue
     * @throws IllegalStateException if this context is closed
     */
    <E> SharedQueue<E> queue();

    /**
     * @param <E> the item type
     * @param maxsize the bound; zero or less means unbounded, as in Python
     * @return a new queue
     * @throws IllegalStateException if this context is closed
     */
    <E> SharedQueue<E> queue(int maxsize);

    /**
     * @param <E> the item type
     * @return a new unbounded joinable queue
     * @throws IllegalStateException if this context is closed
     */
    <E> JoinableQueue<E> joinableQueue();

    /**
     * @param <E> the item type
     * @param maxsize the bound; zero or less means unbounded
     * @return a new joinable queue
     * @throws IllegalStateException if this context is closed
     */
    <E> JoinableQueue<E> joinableQueue(int maxsize);

    /** @return a new duplex pipe @throws IllegalStateException if this context is closed */
    Pipe pipe();

    /**
     * @param duplex whether both ends send and receive; if not, {@code left} receives and
     *     {@code right} sends
     * @return a new pipe
     * @throws IllegalStateException if this context is closed
     */
    Pipe pipe(boolean duplex);

    /** @return a new lock @throws IllegalStateException if this context is closed */
    SharedLock lock();

    /** @return a new reentrant lock @throws IllegalStateException if this context is closed */
    SharedRLock rlock();

    /**
     * @param value the initial number of permits
     * @return a new semaphore
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws IllegalStateException if this context is closed
     */
    SharedSemaphore semaphore(int value);

    /**
     * @param value the initial and maximum number of permits
     * @return a new bounded semaphore
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws IllegalStateException if this context is closed
     */
    SharedSemaphore boundedSemaphore(int value);

    /** @return a new event, not set @throws IllegalStateException if this context is closed */
    SharedEvent event();

    /** @return a new condition with its own reentrant lock @throws IllegalStateException if this context is closed */
    SharedCondition condition();

    /**
     * @param lock the lock the condition is bound to (made by this context)
     * @return a new condition
     * @throws NullPointerException if {@code lock} is null
     * @throws IllegalArgumentException if {@code lock} was not made by this backend
     * @throws IllegalStateException if this context is closed
     */
    SharedCondition condition(SharedMutex lock);

    /**
     * @param parties the number of parties
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is zero or negative
     * @throws IllegalStateException if this context is closed
     */
    SharedBarrier barrier(int parties);

    /**
     * @param parties the number of parties
     * @param action run by one party when all have arrived, or null
     * @param timeout the default timeout of {@code await()}, or null for none
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is zero or negative, or {@code timeout} negative
     * @throws IllegalStateException if this context is closed
     */
    SharedBarrier barrier(int parties, SerializableRunnable action, Duration timeout);

    /**
     * A value with its own lock: Python's {@code Value(typecode, v)}.
     *
     * @param typeCode the typecode
     * @param initial the initial value
     * @return a new value
     * @throws IllegalArgumentException if {@code initial} does not fit the typecode
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this context is closed
     */
    SharedValue value(TypeCode typeCode, Number initial);

    /**
     * As {@link #value(TypeCode, Number)} by letter: {@code mp.value('i', 0)}.
     *
     * @param typeCode the typecode letter
     * @param initial the initial value
     * @return a new value
     * @throws IllegalArgumentException if the typecode is unknown or the value does not fit
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalStateException if this context is closed
     */
    default SharedValue value(char typeCode, Number initial) {
        return value(TypeCode.of(typeCode), initial);
    }

    /**
     * A value without a lock: Python's {@code RawValue}.
     *
     * @param typeCode the typecode letter
     * @param initial the initial value
     * @return a new value whose {@code getLock()} throws
     * @throws IllegalArgumentException if the typecode is unknown or the value does not fit
     * @throws IllegalStateException if this context is closed
     */
    SharedValue rawValue(char typeCode, Number initial);

    /**
     * A zeroed array with its own lock: Python's {@code Array(typecode, size)}.
     *
     * @param typeCode the typecode
     * @param length the number of elements
     * @return a new array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws NullPointerException if {@code typeCode} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedArray array(TypeCode typeCode, int length);

    /**
     * As {@link #array(TypeCode, int)} by letter: {@code mp.array('i', 5)}.
     *
     * @param typeCode the typecode letter
     * @param length the number of elements
     * @return a new array
     * @throws IllegalArgumentException if the typecode is unknown or {@code length} is negative
     * @throws IllegalStateException if this context is closed
     */
    default SharedArray array(char typeCode, int length) {
        return array(TypeCode.of(typeCode), length);
    }

    /**
     * An array initialised from ints: {@code mp.array('i', new int[]{1, 2, 3, 4})}.
     *
     * @param typeCode the typecode letter
     * @param initial the elements
     * @return a new array
     * @throws IllegalArgumentException if the typecode is unknown or an element does not fit it
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedArray array(char typeCode, int[] initial);

    /**
     * An array initialised from longs.
     *
     * @param typeCode the typecode letter
     * @param initial the elements
     * @return a new array
     * @throws IllegalArgumentException if the typecode is unknown or an element does not fit it
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedArray array(char typeCode, long[] initial);

    /**
     * An array initialised from doubles.
     *
     * @param typeCode the typecode letter
     * @param initial the elements
     * @return a new array
     * @throws IllegalArgumentException if the typecode is unknown or an element does not fit it
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedArray array(char typeCode, double[] initial);

    /**
     * An array initialised from bytes: {@code mp.array('c', "Hello".getBytes())}.
     *
     * @param typeCode the typecode letter ({@code 'c'}, {@code 'b'} or {@code 'B'})
     * @param initial the elements
     * @return a new array
     * @throws IllegalArgumentException if the typecode is unknown or an element does not fit it
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedArray array(char typeCode, byte[] initial);

    /**
     * A zeroed array without a lock: Python's {@code RawArray}.
     *
     * @param typeCode the typecode letter
     * @param length the number of elements
     * @return a new array whose {@code getLock()} throws
     * @throws IllegalArgumentException if the typecode is unknown or {@code length} is negative
     * @throws IllegalStateException if this context is closed
     */
    SharedArray rawArray(char typeCode, int length);

    /**
     * Creates a named block of shared memory: Python's {@code SharedMemory(create=True, size=n)}.
     *
     * @param size its size in bytes
     * @return the block, zeroed
     * @throws IllegalArgumentException if {@code size} is zero or negative
     * @throws IllegalStateException if this context is closed
     */
    SharedMemoryBlock sharedMemory(long size);

    /**
     * Attaches a block created elsewhere: Python's {@code SharedMemory(name)}.
     *
     * @param name the block's name
     * @return the block
     * @throws IllegalArgumentException if no block has that name
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if this context is closed
     */
    SharedMemoryBlock attachSharedMemory(String name);

    /** @return a new pool of {@link Multiprocessing#cpuCount()} workers @throws IllegalStateException if this context is closed */
    ProcessPool pool();

    /**
     * @param processes the number of workers
     * @return a new pool
     * @throws IllegalArgumentException if {@code processes} is zero or negative
     * @throws IllegalStateException if this context is closed
     */
    ProcessPool pool(int processes);

    /**
     * @param options workers, initializer, task limit
     * @return a new pool
     * @throws NullPointerException if {@code options} is null
     * @throws IllegalStateException if this context is closed
     */
    ProcessPool pool(PoolOptions options);

    /** @return a new manager, its server started @throws IllegalStateException if this context is closed */
    Manager manager();

    /** Ends the children still running, shuts pools and managers, frees shared memory. Idempotent. */
    @Override
    void close();
}
