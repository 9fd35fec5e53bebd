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
     * Creates an object whose name derives from a tracked one ({@code <name>-<suffix>}, removed with
     * it by {@link SegmentOwner}), and maps it once in this process.
     *
     * @param name the new object's name
     * @param size its size
     * @return its memory
     * @throws io.multiprocessing4j.posix.ffi.PosixException if it cannot be made (EEXIST if it exists)
     */
    public static MemorySegment createDerived(String name, long size) {
        SharedMapping m = SharedMapping.create(name, size);
        register(m);
        return m.segment();
    }

    /**
     * Unmaps an object this process no longer needs (a queue's outgrown ring).
     *
     * @param name the object's name
     */
    public static void detach(String name) {
        release(name);
    }

    /**
     * Unmaps every object whose name starts with {@code prefix} (a closed queue's rings).
     *
     * @param prefix a name prefix
     */
    static void releaseWithPrefix(String prefix) {
        for (String name : MAPPINGS.keySet()) {
            if (name.startsWith(prefix)) {
                release(name);
            }
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
