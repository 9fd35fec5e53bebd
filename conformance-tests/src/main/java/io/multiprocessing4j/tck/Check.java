package io.multiprocessing4j.tck;

import java.util.Objects;

/**
 * One check of the conformance suite: an example of the seeds (IDs {@code E000-01}...) or a point
 * of the semantic contract (IDs such as {@code Q-03}), with what Python does and what we do.
 *
 * @param id the check's ID, unique in the suite
 * @param area what it is about (for example "queues")
 * @param title what it checks, in a few words
 * @param python what CPython 3.11 does
 * @param ours what every backend must do
 * @param deliberate whether {@code ours} deliberately differs from {@code python}
 * @param needs a feature the backend may not have yet (its absence skips the check), or null
 * @param body the check
 */
public record Check(String id, String area, String title, String python, String ours, boolean deliberate,
        Feature needs, CheckBody body) {
    /** A feature a backend may lack: a check needing it is skipped, with the reason, if it is absent. */
    public enum Feature {
        /** {@code Context.pool(..)}. */
        POOL,
        /** {@code Context.manager()}. */
        MANAGER
    }

    /** @throws NullPointerException if anything but {@code needs} is null */
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(body, "body");
    }

    /** @return whether this check ports a seed example */
    public boolean isExample() {
        return id.startsWith("E0");
    }
}
