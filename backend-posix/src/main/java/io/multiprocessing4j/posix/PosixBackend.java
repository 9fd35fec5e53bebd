package io.multiprocessing4j.posix;

import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.posix.context.PosixContext;
import io.multiprocessing4j.posix.ffi.NativeAvailability;
import io.multiprocessing4j.spi.Availability;
import io.multiprocessing4j.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code posix} backend's provider: child JVMs started with {@code posix_spawn}, IPC through
 * POSIX shared memory, futexes and socketpairs, all through {@code java.lang.foreign} (Linux,
 * x86_64 and aarch64). It is available when the native layer is ({@link NativeAvailability}: Linux,
 * a supported architecture, native access granted, the C symbols present) and {@code /dev/shm}, where
 * Linux keeps POSIX shared memory, is a writable directory.
 */
public final class PosixBackend implements Backend {
    private static final Path SHM = Path.of("/dev/shm");

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
        var native_ = NativeAvailability.unavailability();
        if (native_.isPresent()) {
            return Availability.unavailable(native_.get().reason(), native_.get().cause());
        }
        if (!Files.isDirectory(SHM) || !Files.isWritable(SHM)) {
            return Availability.unavailable(SHM + " is not a writable directory: POSIX shared memory is unusable here");
        }
        return Availability.ofAvailable();
    }

    @Override
    public Set<Capability> capabilities() {
        return PosixContext.CAPABILITIES;
    }

    /**
     * @throws BackendUnavailableException if {@link #availability()} says it cannot run here
     */
    @Override
    public Context open(ContextOptions options) {
        Objects.requireNonNull(options, "options");
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("the posix backend is unavailable: " + a.reason(),
                    a.unavailabilityCause().orElse(null));
        }
        return new PosixContext(options);
    }
}
