package io.multiprocessing4j.spi.launch;

import io.multiprocessing4j.Context;
import java.io.Serializable;

/**
 * Opens, in a child JVM, the context its {@code new ChildProcess()} calls use: a context of the
 * parent's backend that shares the parent context's key (so handles made there work here). Named by
 * class in {@link LaunchRequest}; it needs a public no-argument constructor.
 */
public interface ChildContextFactory {
    /**
     * @param state what the parent context sent for its children
     * @return the child's context
     */
    Context openChild(Serializable state);

    /**
     * Loads and links, in a child JVM that has no work yet (a spare waiting for its launch request,
     * or a fresh child while the request is read), what {@link #openChild} and the first calls on
     * shared objects need, so that the first task does not pay for it. Runs on a background
     * thread; it must not create, open or attach anything shared, and whatever it throws is
     * ignored. The default does nothing.
     */
    default void warmUp() {
    }
}
