package io.multiprocessing4j.spi.channel;

/**
 * When a reader spins before it sleeps: adaptively, as a JVM monitor does. A spin that finds its
 * answer is a hit and keeps spinning on; after {@value #MISSES} fruitless spins in a row (a slow
 * peer, or a machine so loaded that the peer is not even running while we spin, so spinning only
 * takes its CPU) spinning stops, and is tried again every {@value #RETRY_EVERY}th wait, since a peer
 * that was slow while its JVM warmed up is usually quick later. Not thread-safe: one per direction
 * of a channel, guarded by that direction's lock.
 */
public final class SpinPolicy {
    /** Fruitless spins in a row before spinning stops. */
    public static final int MISSES = 4;
    /** Once stopped, every how many waits a spin is tried again. */
    public static final int RETRY_EVERY = 64;

    private int misses;
    private int unspun;
    private int spins;

    /** Creates a policy that spins at first. */
    public SpinPolicy() {
    }

    /** @return whether the coming wait should spin; if so, call {@link #hit()} or {@link #miss()} after it */
    public boolean shouldSpin() {
        if (misses < MISSES) {
            spins++;
            return true;
        }
        if (++unspun < RETRY_EVERY) {
            return false;
        }
        unspun = 0;
        spins++;
        return true;
    }

    /** The spin found what it waited for. */
    public void hit() {
        misses = 0;
    }

    /** The spin ended without it. */
    public void miss() {
        misses++;
    }

    /** @return how many spins were allowed so far (tests) */
    public int spins() {
        return spins;
    }
}
