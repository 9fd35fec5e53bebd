package io.multiprocessing4j.posix.shm;

import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.SharedMapping;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This process's mappings of the shared objects its handles use, one per name: however many
 * handles of one queue a process deserializes, it maps the queue once. Mappings made here live
 * until the creating context closes them ({@link #release}) or the process exits.
 */
public final class Segments {
    private static final ConcurrentMap<String, SharedMapping> MAPPINGS = new ConcurrentHashMap<>();

    private Segments() {
    }

    /**
     * Returns this process's mapping of {@code name}, attaching it if needed.
     *
     * @param name {@code /mp4j-...}
     * @return the mapped memory
     * @throws IllegalStateException if the object does not exist any more, or was released here
     */
    public static MemorySegment attach(String name) {
        SharedMapping m = MAPPINGS.get(name);
        if (m != null && m.isOpen()) {
            return m.segment();
        }
        try {
            return MAPPINGS.computeIfAbsent(name, SharedMapping::attach).segment();
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new IllegalStateException("shared object " + name
                        + " no longer exists: the context that made it was closed, or its process died", e);
            }
            throw e;
        }
    }

    /**
     * Records a mapping this process created, so handles of it in this process use it.
     *
     * @param mapping the new mapping
     */
    static void register(SharedMapping mapping) {
        MAPPINGS.put(mapping.name(), mapping);
    }

    /**
     * Unmaps {@code name} in this process; handles using it then throw {@link IllegalStateException}
     * (the name is unlinked first, so they cannot attach it again).
     *
     * @param name the object's name
     */
    static void release(String name) {
        SharedMapping m = MAPPINGS.remove(name);
        if (m != null) {
            m.close();
        }
    }
}
