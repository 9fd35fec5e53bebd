package io.multiprocessing4j;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * A named block of shared memory: Python's {@code multiprocessing.shared_memory.SharedMemory}.
 * Any process may attach it by {@link #name()}. It lives until {@link #unlink()}, as in Python;
 * a block whose creator forgot to unlink it is unlinked, with a warning, when the creating
 * context closes or its process dies.
 */
public interface SharedMemoryBlock extends AutoCloseable, Serializable {
    /** @return the name other processes attach it by */
    String name();

    /** @return its size in bytes */
    long size();

    /**
     * @return the memory, shared with every process that attached it
     * @throws IllegalStateException if this process closed its view
     */
    MemorySegment segment();

    /** Closes this process's view (the block itself lives on). Idempotent. */
    @Override
    void close();

    /**
     * Destroys the block: no process can attach it any more; views already open stay valid.
     *
     * @throws IllegalStateException if it was already unlinked
     */
    void unlink();
}
