/**
 * Synchronisation and data structures in memory shared between processes, with no broker: each
 * works on a {@link io.multiprocessing4j.spi.shm.ShmRegion} (a backend's mapped memory, as a
 * serializable handle) through {@link java.lang.invoke.VarHandle} atomics, and waits through a
 * pluggable {@link io.multiprocessing4j.spi.shm.WaitStrategy} (polling back-off in pure Java,
 * futexes for a native backend). Layouts are drawn in each class's comment.
 */
package io.multiprocessing4j.spi.shm;
