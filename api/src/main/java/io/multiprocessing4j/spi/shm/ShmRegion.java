package io.multiprocessing4j.spi.shm;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * A block of memory shared by the processes of a context, as a serializable handle: in any
 * process that receives it, {@link #segment()} maps the same memory. A backend implements it (a
 * mapped file, a POSIX shared-memory object); the primitives of this package only read and write it.
 */
public interface ShmRegion extends Serializable {
    /**
     * @return the whole region, mapped in this process (on first use)
     * @throws IllegalStateException if it can no longer be mapped (its context closed)
     */
    MemorySegment segment();

    /** @return how this region's waiters wait */
    default WaitStrategy waitStrategy() {
        return BackoffWaitStrategy.INSTANCE;
    }
}
