package io.multiprocessing4j.spi.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@link List} kept by the manager: Python's {@code manager.list()}. Every call is one round
 * trip; elements are copies. {@link #iterator()} runs over a snapshot (its {@code remove()}
 * removes from the shared list); {@code listIterator} and {@code subList} work by index.
 *
 * @param <E> the element type
 */
final class ListProxy<E> extends AbstractList<E> implements RandomAccess, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Class<?>[] NONE = {};
    private static final Class<?>[] INT = {int.class};
    private static final Class<?>[] OBJ = {Object.class};
    private static final Class<?>[] COLL = {Collection.class};

    private final RemoteRef ref;

    ListProxy(RemoteRef ref) {
        this.ref = ref;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) ref.invoke("get", INT, index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        return (E) ref.invoke("set", new Class<?>[] {int.class, Object.class}, index, element);
    }

    @Override
    public void add(int index, E element) {
        ref.invoke("add", new Class<?>[] {int.class, Object.class}, index, element);
    }

    @Override
    public boolean add(E element) {
        return (Boolean) ref.invoke("add", OBJ, element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        return (E) ref.invoke("remove", INT, index);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) ref.invoke("remove", OBJ, o);
    }

    @Override
    public int size() {
        return (Integer) ref.invoke("size", NONE);
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) ref.invoke("contains", OBJ, o);
    }

    @Override
    public int indexOf(Object o) {
        return (Integer) ref.invoke("indexOf", OBJ, o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) ref.invoke("lastIndexOf", OBJ, o);
    }

    @Override
    public void clear() {
        ref.invoke("clear", NONE);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) ref.invoke("addAll", COLL, new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return (Boolean) ref.invoke("addAll", new Class<?>[] {int.class, Collection.class}, index, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) ref.invoke("removeAll", COLL, new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) ref.invoke("retainAll", COLL, new ArrayList<>(c));
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return (Boolean) ref.invoke("containsAll", COLL, new ArrayList<>(c));
    }

    @SuppressWarnings("unchecked")
    private List<E> snapshot() {
        return (List<E>) ref.snapshot();
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().toArray(a);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<E> iterator() {
        // remove() by position: the n-th removal shifts later positions down by n.
        int[] removed = {0};
        int[] position = {-1};
        Iterator<Object> items = (Iterator<Object>) snapshot().iterator();
        Iterator<Object> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Object next() {
                Object o = items.next();
                position[0]++;
                return o;
            }
        };
        return (Iterator<E>) new RemoteProxy.SnapshotIterator(counting, e -> remove(position[0] - removed[0]++));
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
