package io.multiprocessing4j.posix.shm;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A serializable reference to a shared memory object by name: the part of every posix handle that
 * travels between processes. In the process that receives it, the first {@link #segment()} attaches
 * the object (once per process: see {@link Segments}), so a handle deserialized in a child JVM
 * reaches the very memory its creator mapped.
 */
public final class ShmRef implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private transient volatile MemorySegment segment;

    /**
     * @param name the object's name, {@code /mp4j-...}
     * @param segment its mapping in this process, or null to attach on first use
     */
    public ShmRef(String name, MemorySegment segment) {
        this.name = Objects.requireNonNull(name, "name");
        this.segment = segment;
    }

    /** @return the object's name, {@code /mp4j-...} */
    public String name() {
        return name;
    }

    /**
     * @return the object's memory in this process, attached on first use
     * @throws IllegalStateException if the object no longer exists (its context was closed) or
     *     this process's mapping was closed with its context
     */
    public MemorySegment segment() {
        MemorySegment s = segment;
        if (s == null || !s.scope().isAlive()) {
            s = Segments.attach(name);
            segment = s;
        }
        return s;
    }

    @Override
    public String toString() {
        return name;
    }
}
