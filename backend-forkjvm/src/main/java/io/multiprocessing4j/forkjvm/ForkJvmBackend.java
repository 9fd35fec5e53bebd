package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.spi.Availability;
import io.multiprocessing4j.spi.Backend;
import java.util.Set;

/** The {@code forkjvm} backend's provider. */
public final class ForkJvmBackend implements Backend {
    /** Creates the provider (does no work; see {@link #availability()}). */
    public ForkJvmBackend() {
    }

    @Override
    public String name() {
        return "forkjvm";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("not implemented yet in this build");
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public Context open(ContextOptions options) {
        throw new BackendUnavailableException("the forkjvm backend is unavailable: " + availability().reason());
    }
}
