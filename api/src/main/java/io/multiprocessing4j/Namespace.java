package io.multiprocessing4j;

import java.io.Serializable;
import java.util.Set;

/**
 * A bag of named attributes held by a {@link Manager}: Python's {@code manager.Namespace()}
 * ({@code ns.x = 1} is {@code ns.set("x", 1)}). A serializable proxy, usable from any process.
 */
public interface Namespace extends Serializable {
    /**
     * @param <T> the type expected (unchecked)
     * @param name the attribute
     * @return its value
     * @throws java.util.NoSuchElementException if it was never set (Python's {@code AttributeError})
     * @throws NullPointerException if {@code name} is null
     * @throws ManagerUnavailableException if the manager is gone
     */
    <T> T get(String name);

    /**
     * @param name the attribute
     * @param value its new value (serialized now)
     * @throws NullPointerException if {@code name} is null
     * @throws SerializationException if {@code value} cannot be serialized
     * @throws ManagerUnavailableException if the manager is gone
     */
    void set(String name, Object value);

    /**
     * @param name the attribute
     * @return whether it was set (and not deleted)
     * @throws ManagerUnavailableException if the manager is gone
     */
    boolean has(String name);

    /**
     * @param name the attribute to delete
     * @throws java.util.NoSuchElementException if it was never set
     * @throws ManagerUnavailableException if the manager is gone
     */
    void delete(String name);

    /**
     * @return the names set now
     * @throws ManagerUnavailableException if the manager is gone
     */
    Set<String> names();
}
