package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.Namespace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A namespace kept by the manager. */
public final class ServerNamespace implements Namespace, Served {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    public Class<?> proxyType() {
        return Namespace.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(String name) {
        Objects.requireNonNull(name, "name");
        if (!attributes.containsKey(name)) {
            throw new NoSuchElementException("namespace has no attribute '" + name + "'");
        }
        return (T) attributes.get(name);
    }

    @Override
    public synchronized void set(String name, Object value) {
        attributes.put(Objects.requireNonNull(name, "name"), value);
    }

    @Override
    public synchronized boolean has(String name) {
        return attributes.containsKey(name);
    }

    @Override
    public synchronized void delete(String name) {
        if (!attributes.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new NoSuchElementException("namespace has no attribute '" + name + "'");
        }
        attributes.remove(name);
    }

    @Override
    public synchronized Set<String> names() {
        return new TreeSet<>(attributes.keySet());
    }
}
