package io.multiprocessing4j.spi;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import java.util.Set;

/**
 * A backend, found with {@link java.util.ServiceLoader}: register the implementation in
 * {@code META-INF/services/io.multiprocessing4j.spi.Backend}. It needs a public no-argument
 * constructor that does no real work: {@link #availability()} is where a backend checks whether it
 * can run here, and {@link #open} where it starts anything.
 */
public interface Backend {
    /** @return the unique name users select it by (lower case, for example {@code "posix"}) */
    String name();

    /** @return its rank for default selection; the available backend with the highest wins */
    int priority();

    /** @return whether it can run here and, if not, exactly why */
    Availability availability();

    /** @return what it can do */
    Set<Capability> capabilities();

    /**
     * Opens a context.
     *
     * @param options settings (never null)
     * @return the open context
     * @throws io.multiprocessing4j.BackendUnavailableException if it cannot run here
     */
    Context open(ContextOptions options);
}
