package io.multiprocessing4j.threads;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.spi.Availability;
import io.multiprocessing4j.spi.Backend;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code threads} backend: every process is a thread of this JVM and every shared object is
 * shared by reference, nothing serialized. It is the reference for what shared memory costs
 * nothing, and it runs everywhere.
 *
 * <p>Capabilities: only {@link Capability#ORPHAN_PROTECTION}, since a "child" thread cannot outlive
 * its JVM. It has no {@link Capability#ISOLATED_MEMORY} or {@link Capability#DISTINCT_PIDS} (one
 * heap, one pid), no {@link Capability#FORCED_TERMINATION} or {@link Capability#SIGNAL_EXIT_CODES}
 * ({@code terminate()} interrupts, and a thread that ends after it reports {@code -15};
 * {@code kill()} is refused), and no {@link Capability#SERIALIZED_ARGUMENTS},
 * {@link Capability#ROBUST_LOCKS} or {@link Capability#SPARE_PROCESSES}.
 */
public final class ThreadsBackend implements Backend {
    /** The backend's name. */
    public static final String NAME = "threads";
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.ORPHAN_PROTECTION, Capability.SHARED_PIPE_ENDS);

    /** Creates the provider (does no work). */
    public ThreadsBackend() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return 10, the lowest of the built-in backends: the process backends win when available */
    @Override
    public int priority() {
        return 10;
    }

    /** @return always available */
    @Override
    public Availability availability() {
        return Availability.ofAvailable();
    }

    /** @return {@link Capability#ORPHAN_PROTECTION} only */
    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Opens a context; the options concern child JVMs and are ignored here.
     *
     * @param options settings (never null)
     * @return the context
     * @throws NullPointerException if {@code options} is null
     */
    @Override
    public Context open(ContextOptions options) {
        Objects.requireNonNull(options, "options");
        return new ThreadsContext(NAME, CAPABILITIES);
    }
}
