package io.multiprocessing4j.spi.shm;

import java.io.Serializable;

/** Makes new zeroed regions, from any process of a context (conditions and queue spills need them). */
public interface ShmAllocator extends Serializable {
    /**
     * @param size bytes, positive
     * @return a new zeroed region, freed with its context at the latest
     */
    ShmRegion allocate(long size);

    /**
     * Frees a region made by {@link #allocate} that nobody uses any more (a queue's spilled item,
     * once taken). Views already mapped stay valid.
     *
     * @param region the region
     */
    void free(ShmRegion region);
}
