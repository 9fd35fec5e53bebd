package io.multiprocessing4j;

import java.util.Set;

/**
 * What {@link Multiprocessing#backends()} reports about one backend found on the class path.
 *
 * @param name the backend's name
 * @param priority its rank for default selection (higher wins)
 * @param available whether it can run here
 * @param unavailabilityReason why it cannot, or null when available
 * @param capabilities what it can do
 */
public record BackendInfo(String name, int priority, boolean available, String unavailabilityReason,
        Set<Capability> capabilities) {
    /** Copies the capabilities. */
    public BackendInfo {
        capabilities = Set.copyOf(capabilities);
    }

    @Override
    public String toString() {
        return name + (available ? " (available, priority " + priority + ")" : " (unavailable: " + unavailabilityReason + ")");
    }
}
