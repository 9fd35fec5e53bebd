package io.multiprocessing4j.spi.pool;

/**
 * How many chunks one worker may hold at once: the one it runs and those waiting in its pipe.
 * Guarded by the pool's lock, one per worker.
 *
 * <p>At least {@value #DEPTH}: the worker starts its next chunk the moment it answered, without
 * waiting for its answer to reach us and a new chunk to come back (for short tasks that round trip
 * was most of the time per task). More only for chunks that are small and quick: a chunk queued
 * behind others waits for them (a worker cannot hand back what it has not started), so the pool
 * lets a worker hold about {@value #QUEUE_NANOS} ns of expected work at most — enough to keep a
 * worker busy through the ~10–50 µs the reader needs to answer it, too little for an unlucky
 * chunk to wait noticeably behind others. Python's workers take tasks from one shared pipe
 * instead; per-worker pipes are what let a worker's death fail exactly the task it ran.
 *
 * <p>The expected time of a chunk is this worker's recent service time: a moving average over
 * its answers (the time since the previous answer while it was busy throughout, else since the
 * chunk was sent, which includes a round trip and so errs long). One slow chunk raises it at once
 * by a quarter of its time, so a pool whose tasks turn long stops queueing deeply after one answer.
 */
final class Prefetch {
    /** Chunks a worker may always hold. */
    static final int DEPTH = 2;
    /** Chunks a worker may hold at most, however quick its tasks. */
    static final int MAX_DEPTH = 16;
    /** Expected work, in nanoseconds, a worker may hold beyond {@link #DEPTH}. */
    static final long QUEUE_NANOS = 200_000;
    /** The largest encoded chunk queued deeper than {@link #DEPTH}: 16 of them stay far below a socket buffer. */
    static final int SMALL_BYTES = 1024;
    /** The largest encoded chunk sent to a busy worker: well within any socket buffer. */
    static final int PREFETCH_BYTES = 32 * 1024;

    /** When the chunk it runs now started, or 0 while it holds none. */
    private long busySince;
    /** Its moving average service time, or 0 before its first answer. */
    private long serviceNanos;

    /**
     * A chunk was sent.
     *
     * @param wasIdle whether the worker held none before it
     * @param now {@link System#nanoTime()}
     */
    void sent(boolean wasIdle, long now) {
        if (wasIdle) {
            busySince = now;
        }
    }

    /**
     * The worker answered its current chunk.
     *
     * @param stillBusy whether it holds more (and so started the next already)
     * @param now {@link System#nanoTime()}
     */
    void answered(boolean stillBusy, long now) {
        if (busySince != 0) {
            long sample = Math.max(1, now - busySince);
            serviceNanos = serviceNanos == 0 ? sample : serviceNanos - (serviceNanos >> 2) + (sample >> 2);
        }
        busySince = stillBusy ? now : 0;
    }

    /**
     * @param chunkBytes the encoded size of the chunk to place (0 when work travels by reference)
     * @return how many chunks the worker may hold for a chunk of that size to go to it
     */
    int depth(int chunkBytes) {
        if (chunkBytes > PREFETCH_BYTES) {
            return 1; // would not fit in the pipe's buffer: its send would wait, holding the pool's lock
        }
        if (chunkBytes > SMALL_BYTES || serviceNanos == 0) {
            return DEPTH;
        }
        return (int) Math.max(DEPTH, Math.min(MAX_DEPTH, DEPTH + QUEUE_NANOS / serviceNanos));
    }

    /**
     * Whether a worker is topped up now: when it holds at most half its depth. A worker with many
     * small chunks so gets several at a time, in one message, rather than one per answer; it still
     * never runs dry, since half its depth is ~100 µs of work. For a depth of 1 or 2 this is
     * "whenever there is room", as before.
     *
     * @param held the chunks it holds
     * @param depth its depth now
     * @return whether to give it more
     */
    static boolean wantsMore(int held, int depth) {
        return held <= depth / 2;
    }

    /** @return the moving average service time in nanoseconds, 0 if unknown (tests) */
    long serviceNanos() {
        return serviceNanos;
    }
}
