package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedValue;
import java.io.Serializable;

/**
 * Counts how many processes are inside a region at once and remembers the peak, in shared memory,
 * so that "at most N at once" can be checked on every backend without relying on timing.
 *
 * @param inside how many are inside now
 * @param peak the most that were inside at once
 * @param entered how many entered in total
 */
public record Gauge(SharedValue inside, SharedValue peak, SharedValue entered) implements Serializable {
    /**
     * @param mp the context that makes the shared values
     * @return a new gauge at zero
     */
    public static Gauge create(Context mp) {
        return new Gauge(mp.value('i', 0), mp.value('i', 0), mp.value('i', 0));
    }

    /** Enters the region. */
    public void enter() {
        try (SharedMutex.Held h = inside.getLock().held()) {
            long now = inside.getLong() + 1;
            inside.setLong(now);
            entered.setLong(entered.getLong() + 1);
            if (now > peak.getLong()) {
                peak.setLong(now);
            }
        }
    }

    /** Leaves the region. */
    public void leave() {
        try (SharedMutex.Held h = inside.getLock().held()) {
            inside.setLong(inside.getLong() - 1);
        }
    }

    /** @return the peak so far */
    public int peakValue() {
        return peak.getInt();
    }

    /** @return how many entered so far */
    public int enteredValue() {
        return entered.getInt();
    }
}
