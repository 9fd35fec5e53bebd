package io.multiprocessing4j.posix.memory;

import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.SharedMapping;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Python's {@code shared_memory.SharedMemory}: a POSIX shared memory object that users name and
 * unlink themselves. Its name has no leading slash ({@code mp4j-...}), as Python's; attaching
 * accepts either form. Each handle has its own view ({@link #close()} unmaps only that view); a
 * handle deserialized in another process attaches its own view there.
 */
public final class PosixMemoryBlock implements SharedMemoryBlock {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long size;
    private transient SharedMapping mapping;

    /** @param mapping a mapping of this process (created or attached) */
    public PosixMemoryBlock(SharedMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.name = mapping.name();
        this.size = mapping.size();
    }

    /**
     * Attaches a block by name.
     *
     * @param name {@code mp4j-...} or {@code /mp4j-...}
     * @return the block, with its own view
     * @throws IllegalArgumentException if no block has that name, or the name is malformed
     */
    public static PosixMemoryBlock attach(String name) {
        String full = name.startsWith("/") ? name : "/" + name;
        try {
            return new PosixMemoryBlock(SharedMapping.attach(full));
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new IllegalArgumentException("no shared memory block named \"" + name + "\"", e);
            }
            throw e;
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            mapping = SharedMapping.attach(name);
        } catch (PosixException e) {
            throw new IllegalStateException("shared memory block " + name() + " no longer exists", e);
        }
    }

    @Override
    public String name() {
        return name.substring(1);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MemorySegment segment() {
        if (!mapping.isOpen()) {
            throw new IllegalStateException("shared memory block " + name() + " was closed in this process");
        }
        return mapping.segment();
    }

    @Override
    public void close() {
        mapping.close();
    }

    @Override
    public void unlink() {
        try {
            SharedMapping.unlink(name);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new IllegalStateException("shared memory block " + name() + " was already unlinked", e);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "PosixMemoryBlock[" + name() + ", " + size + " bytes" + (mapping.isOpen() ? "]" : ", closed]");
    }
}
