package io.multiprocessing4j.posix;

import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.spi.Availability;
import io.multiprocessing4j.spi.Backend;
import java.util.Set;

/** The {@code posix} backend's provider. */
public final class PosixBackend implements Backend {
    /** Creates the provider (does no work; see {@link #availability()}). */
    public PosixBackend() {
    }

    @Override
    public String name() {
        return "posix";
    }

    @Override
    public int priority() {
        return 30;
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
        throw new BackendUnavailableException("the posix backend is unavailable: " + availability().reason());
    }
}
