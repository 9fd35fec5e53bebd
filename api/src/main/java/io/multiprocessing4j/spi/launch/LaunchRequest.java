package io.multiprocessing4j.spi.launch;

import io.multiprocessing4j.ProcessInfo;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a parent sends a child JVM that has connected back: the serialized process, the parent's
 * identity, and how to open the child's context.
 *
 * @param process the {@link io.multiprocessing4j.ChildProcess}, serialized in the parent (so that a
 *     failure was the parent's)
 * @param parent the parent process
 * @param contextFactory the class name of a {@link ChildContextFactory}
 * @param contextState its argument
 */
public record LaunchRequest(byte[] process, ProcessInfo parent, String contextFactory, Serializable contextState)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @throws NullPointerException if an argument other than {@code contextState} is null */
    public LaunchRequest {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(contextFactory, "contextFactory");
    }
}
