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
}
