package io.multiprocessing4j.examples;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long a second of the seed tutorials lasts here: the seeds sleep whole seconds, the ports
 * sleep {@code millisPerSecond} milliseconds per seed second so that the suite stays fast.
 *
 * @param millisPerSecond milliseconds per seed second (1000 replays the seed's real timing)
 */
public record TimeScale(long millisPerSecond) implements Serializable {
    /** The scale tests and the comparison report use: one seed second is 50 ms. */
    public static final TimeScale FAST = new TimeScale(50);
    /** The seed's own timing. */
    public static final TimeScale REAL = new TimeScale(1000);

    /** @throws IllegalArgumentException if {@code millisPerSecond} is negative */
    public TimeScale {
        if (millisPerSecond < 0) {
            throw new IllegalArgumentException("millisPerSecond must not be negative: " + millisPerSecond);
        }
    }

    /**
     * @param seedSeconds a duration in the seed's seconds
     * @return the same duration at this scale
     */
    public Duration seconds(double seedSeconds) {
        return Duration.ofNanos(Math.round(seedSeconds * millisPerSecond * 1_000_000.0));
    }

    /**
     * Python's {@code time.sleep(seconds)} at this scale.
     *
     * @param seedSeconds how long the seed sleeps
     * @throws InterruptedException if interrupted (a terminated process ends there)
     */
    public void sleep(double seedSeconds) throws InterruptedException {
        Thread.sleep(seconds(seedSeconds));
    }
}
