package io.multiprocessing4j.spi;

/**
 * The parent's handle on a started process; {@link io.multiprocessing4j.ChildProcess} delegates to
 * it after checking its own state.
 */
public interface ProcessRuntime {
    /** @return the OS pid (the JVM's on the threads backend) */
    long pid();

    /** @return whether it has not ended */
    boolean isAlive();

    /** @return its exit code ({@code -N} for signal N), or null while it runs */
    Integer exitCode();

    /**
     * Waits for it to end, and for its output to be passed on.
     *
     * @param timeoutNanos the longest wait; {@link Long#MAX_VALUE} waits as long as it takes
     * @return whether it has ended
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    boolean join(long timeoutNanos);

    /** Asks it to end (SIGTERM, or an interrupt); nothing if it has ended. */
    void terminate();

    /** Ends it by force (SIGKILL); nothing if it has ended. */
    void kill();

    /** Releases what the parent keeps for it; it has ended. */
    void close();
}
