package io.multiprocessing4j;

import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * A server process holding shared objects, handed out as proxies: Python's
 * {@code multiprocessing.Manager()}. Proxies implement the Java interfaces ({@link ConcurrentMap},
 * {@link List}, the {@code Shared*} types), are serializable, and reconnect in whatever process
 * receives them. Every connection to the server is authenticated with the context's key. When the
 * manager is gone, a proxy call fails at once with {@link ManagerUnavailableException}.
 *
 * <p>Values stored in proxied collections are copies: {@code dict.get(k).add(x)} changes a copy,
 * as in Python; write the value back with {@code put}.
 */
public interface Manager extends AutoCloseable {
    /**
     * @param <K> the key type
     * @param <V> the value type
     * @return a new empty shared map (Python's {@code manager.dict()}); nulls are refused
     * @throws ManagerUnavailableException if the manager is gone
     */
    <K, V> ConcurrentMap<K, V> dict();

    /**
     * @param <E> the element type
     * @return a new empty shared list (Python's {@code manager.list()})
     * @throws ManagerUnavailableException if the manager is gone
     */
    <E> List<E> list();

    /** @return a new empty namespace @throws ManagerUnavailableException if the manager is gone */
    Namespace namespace();

    /** @return a new lock held by the server @throws ManagerUnavailableException if the manager is gone */
    SharedLock lock();

    /** @return a new reentrant lock held by the server @throws ManagerUnavailableException if the manager is gone */
    SharedRLock rlock();

    /**
     * @param value the initial number of permits
     * @return a new semaphore
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws ManagerUnavailableException if the manager is gone
     */
    SharedSemaphore semaphore(int value);

    /**
     * @param value the initial (and maximum) number of permits
     * @return a new bounded semaphore
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws ManagerUnavailableException if the manager is gone
     */
    SharedSemaphore boundedSemaphore(int value);

    /** @return a new condition with its own reentrant lock @throws ManagerUnavailableException if the manager is gone */
    SharedCondition condition();

    /** @return a new event, not set @throws ManagerUnavailableException if the manager is gone */
    SharedEvent event();

    /**
     * @param parties the number of parties
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is zero or negative
     * @throws ManagerUnavailableException if the manager is gone
     */
    SharedBarrier barrier(int parties);

    /**
     * @param <E> the item type
     * @return a new unbounded queue held by the server
     * @throws ManagerUnavailableException if the manager is gone
     */
    <E> SharedQueue<E> queue();

    /**
     * @param <E> the item type
     * @param maxsize the bound (zero or less: unbounded)
     * @return a new queue held by the server
     * @throws ManagerUnavailableException if the manager is gone
     */
    <E> SharedQueue<E> queue(int maxsize);

    /**
     * @param typeCode the typecode letter
     * @param initial the initial value
     * @return a new value held by the server
     * @throws IllegalArgumentException if the typecode is unknown or the value does not fit
     * @throws ManagerUnavailableException if the manager is gone
     */
    SharedValue value(char typeCode, Number initial);

    /**
     * @param typeCode the typecode letter
     * @param length the number of elements, all zero
     * @return a new array held by the server
     * @throws IllegalArgumentException if the typecode is unknown or {@code length} is negative
     * @throws ManagerUnavailableException if the manager is gone
     */
    SharedArray array(char typeCode, int length);

    /**
     * Registers a user type, as Python's {@code BaseManager.register(typeid, callable)}: objects
     * made by {@code factory} live in the server, and {@link #create(Class)} hands out proxies
     * implementing {@code type}, whose every call runs on the server's object.
     *
     * @param <T> the interface type
     * @param type the interface proxies implement (must be an interface)
     * @param factory makes the server-side object (serialized to the server)
     * @throws IllegalArgumentException if {@code type} is not an interface, or is registered already
     * @throws NullPointerException if an argument is null
     * @throws SerializationException if {@code factory} cannot be serialized
     */
    <T> void register(Class<T> type, SerializableSupplier<? extends T> factory);

    /**
     * Makes a new server-side object of a registered type and returns its proxy.
     *
     * @param <T> the interface type
     * @param type the registered interface
     * @return a serializable proxy implementing {@code type}; arguments and results of its calls
     *     are serialized, and a call's exception is rethrown as a {@link RemoteException}
     * @throws IllegalArgumentException if {@code type} was not registered
     * @throws ManagerUnavailableException if the manager is gone
     */
    <T> T create(Class<T> type);

    /** @return the server process's name and pid */
    ProcessInfo process();

    /** Stops the server; later proxy calls fail with {@link ManagerUnavailableException}. Idempotent. */
    void shutdown();

    /** Same as {@link #shutdown()}. */
    @Override
    void close();
}
