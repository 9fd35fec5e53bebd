package io.multiprocessing4j.threads;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes this backend's objects serializable handles: serialized, an object becomes a numbered
 * reference; deserialized in this JVM, the reference resolves to the very same object. So a queue
 * or lock passed through code that serializes (a generic pool, a manager, user code) still works,
 * as DESIGN's "handles anywhere" requires, while nothing is ever copied.
 *
 * <p>Objects are numbered only when first serialized, and held weakly: a handle outlives its
 * object only as a number that then fails to resolve.
 */
final class Handles {
    private static final AtomicLong NEXT = new AtomicLong();
    // Identity semantics: none of this backend's shared objects overrides equals.
    private static final Map<Object, Long> IDS = new WeakHashMap<>();
    private static final Map<Long, Entry> OBJECTS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> CLEARED = new ReferenceQueue<>();

    private Handles() {
    }

    /**
     * The serialized form of {@code object}; call it from the object's {@code writeReplace}.
     *
     * @param object one of this backend's objects
     * @return its reference
     */
    static Serializable replace(Object object) {
        purge();
        long id;
        synchronized (IDS) {
            Long known = IDS.get(object);
            if (known == null) {
                known = NEXT.incrementAndGet();
                IDS.put(object, known);
                OBJECTS.put(known, new Entry(known, object));
            }
            id = known;
        }
        return new Ref(id, object.getClass().getSimpleName());
    }

    /**
     * @param obj anything
     * @return the object {@code obj} refers to if it is the serialized form of one of this
     *     backend's objects (still alive), else {@code obj}
     */
    static Object resolve(Object obj) {
        if (obj instanceof Ref r) {
            Entry e = OBJECTS.get(r.id());
            Object o = e == null ? null : e.get();
            return o == null ? obj : o;
        }
        return obj;
    }

    private static void purge() {
        for (Object r; (r = CLEARED.poll()) != null; ) {
            OBJECTS.remove(((Entry) r).id);
        }
    }

    private static final class Entry extends WeakReference<Object> {
        final long id;

        Entry(long id, Object referent) {
            super(referent, CLEARED);
            this.id = id;
        }
    }

    /** The serialized form: a number that resolves to the object in this JVM. */
    private record Ref(long id, String type) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws ObjectStreamException {
            Entry e = OBJECTS.get(id);
            Object o = e == null ? null : e.get();
            if (o == null) {
                throw new InvalidObjectException("threads backend " + type + " #" + id
                        + " no longer exists (a threads handle resolves only in the JVM that made it, while it lives)");
            }
            return o;
        }
    }
}
