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
    /**
     * Whether spinning can pay off at all: the machine has more than one CPU online. Deliberately
     * not {@link Runtime#availableProcessors()}, which a process pinned to one CPU (taskset) reports
     * as 1 although its peer may run on another CPU, exactly when a spin saves the scheduler's
     * wake-up (~40 µs here). Where the peer does share our only CPU, the adaptive stop turns the
     * spin off after {@value #MISSES} misses.
     */
    public static final boolean SEVERAL_CPUS = onlineCpus() > 1;
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

    /** @return the machine's online CPUs (Linux's list), else this JVM's available processors */
    static int onlineCpus() {
        try {
            return countCpus(java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online")));
        } catch (java.io.IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param list a kernel CPU list such as {@code 0-3,6}
     * @return how many CPUs it names
     * @throws NumberFormatException if it is no such list
     */
    static int countCpus(String list) {
        int n = 0;
        for (String part : list.strip().split(",")) {
            int dash = part.indexOf('-');
            int lo = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1));
            n += hi - lo + 1;
        }
        return n;
    }

    /** @return how many spins were allowed so far (tests) */
    public int spins() {
        return spins;
    }
}
