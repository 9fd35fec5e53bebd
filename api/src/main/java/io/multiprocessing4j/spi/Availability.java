package io.multiprocessing4j.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a backend can run here, and if not, why: the way Netty's {@code Epoll.isAvailable()}
 * and {@code unavailabilityCause()} tell users exactly what is missing.
 *
 * @param available whether it can run
 * @param reason why not, or null when available
 * @param cause the failure behind the reason, or null
 */
public record Availability(boolean available, String reason, Throwable cause) {
    private static final Availability AVAILABLE = new Availability(true, null, null);

    /** @throws IllegalArgumentException if an unavailable one has no reason, or an available one has one */
    public Availability {
        if (available == (reason != null)) {
            throw new IllegalArgumentException(available ? "an available backend has no reason" : "reason required");
        }
    }

    /** @return "can run here" */
    public static Availability ofAvailable() {
        return AVAILABLE;
    }

    /**
     * @param reason why it cannot run here, for users to read
     * @return "cannot run here"
     * @throws NullPointerException if {@code reason} is null
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * @param reason why it cannot run here, for users to read
     * @param cause the failure behind it
     * @return "cannot run here"
     * @throws NullPointerException if {@code reason} is null
     */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"), cause);
    }

    /** @return the failure behind the unavailability, if any */
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(cause);
    }
}
