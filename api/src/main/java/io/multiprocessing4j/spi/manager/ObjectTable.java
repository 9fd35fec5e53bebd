package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.SerializableSupplier;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The manager's objects by id, and the registered user types. Objects live until the manager
 * shuts down (there is no reference counting of proxies, unlike CPython's).
 */
final class ObjectTable {
    record Entry(Object object, Class<?> type) {
    }

    private final Map<Long, Entry> byId = new HashMap<>();
    private final Map<Object, Long> ids = new IdentityHashMap<>();
    private final Map<String, SerializableSupplier<?>> factories = new HashMap<>();
    private long next;

    synchronized Protocol.Ref add(Object object, Class<?> type) {
        Long id = ids.get(object);
        if (id == null) {
            id = ++next;
            ids.put(object, id);
            byId.put(id, new Entry(object, type));
        }
        return new Protocol.Ref(id, type);
    }

    synchronized Entry get(long id) {
        Entry e = byId.get(id);
        if (e == null) {
            throw new IllegalArgumentException("the manager holds no object with id " + id);
        }
        return e;
    }

    synchronized void register(String type, SerializableSupplier<?> factory) {
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalArgumentException("type " + type + " is registered already");
        }
    }

    synchronized SerializableSupplier<?> factory(String type) {
        SerializableSupplier<?> f = factories.get(type);
        if (f == null) {
            throw new IllegalArgumentException("type " + type + " was not registered with this manager");
        }
        return f;
    }
}
