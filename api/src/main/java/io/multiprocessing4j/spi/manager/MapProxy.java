package io.multiprocessing4j.spi.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConcurrentMap} kept by the manager: Python's {@code manager.dict()}. Nulls are refused
 * (NPE), as {@code ConcurrentMap} requires; values are copies ({@code get(k).add(x)} changes a
 * copy: write it back with {@code put}). The views iterate over a snapshot; their removals and
 * {@code Entry.setValue} write through. {@code compute}, {@code merge} and friends are atomic by
 * {@code ConcurrentMap}'s retry loops over {@code putIfAbsent}/{@code replace}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class MapProxy<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Class<?>[] NONE = {};
    private static final Class<?>[] OBJ = {Object.class};
    private static final Class<?>[] OBJ2 = {Object.class, Object.class};
    private static final Class<?>[] OBJ3 = {Object.class, Object.class, Object.class};

    private final RemoteRef ref;

    MapProxy(RemoteRef ref) {
        this.ref = ref;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) ref.invoke("get", OBJ, Objects.requireNonNull(key, "key"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) ref.invoke("put", OBJ2, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) ref.invoke("remove", OBJ, Objects.requireNonNull(key, "key"));
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) ref.invoke("containsKey", OBJ, Objects.requireNonNull(key, "key"));
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) ref.invoke("containsValue", OBJ, Objects.requireNonNull(value, "value"));
    }

    @Override
    public int size() {
        return (Integer) ref.invoke("size", NONE);
    }

    @Override
    public boolean isEmpty() {
        return (Boolean) ref.invoke("isEmpty", NONE);
    }

    @Override
    public void clear() {
        ref.invoke("clear", NONE);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        Map<K, V> copy = new HashMap<>();
        m.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        ref.invoke("putAll", new Class<?>[] {Map.class}, copy);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V putIfAbsent(K key, V value) {
        return (V) ref.invoke("putIfAbsent", OBJ2, Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"));
    }

    @Override
    public boolean remove(Object key, Object value) {
        Objects.requireNonNull(key, "key");
        return value != null && (Boolean) ref.invoke("remove", OBJ2, key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return (Boolean) ref.invoke("replace", OBJ3, Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(oldValue, "oldValue"), Objects.requireNonNull(newValue, "newValue"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V replace(K key, V value) {
        return (V) ref.invoke("replace", OBJ2, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getOrDefault(Object key, V defaultValue) {
        V v = get(key);
        return v != null ? v : defaultValue;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Iterator<Entry<K, V>> iterator() {
                Map<K, V> snapshot = (Map<K, V>) ref.snapshot();
                Iterator<Entry<K, V>> it = snapshot.entrySet().iterator();
                return new Iterator<>() {
                    private K last;

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        Entry<K, V> e = it.next();
                        last = e.getKey();
                        return new SimpleEntry<>(e) {
                            @Serial
                            private static final long serialVersionUID = 1L;

                            @Override
                            public V setValue(V value) {
                                super.setValue(value);
                                return put(getKey(), value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last == null) {
                            throw new IllegalStateException("next() was not called, or remove() was called already");
                        }
                        MapProxy.this.remove(last);
                        last = null;
                    }
                };
            }

            @Override
            public int size() {
                return MapProxy.this.size();
            }

            @Override
            public void clear() {
                MapProxy.this.clear();
            }
        };
    }

    @Override
    public int hashCode() {
        return ((Map<?, ?>) ref.snapshot()).hashCode();
    }

    @Override
    public String toString() {
        return ref.snapshot().toString();
    }
}
