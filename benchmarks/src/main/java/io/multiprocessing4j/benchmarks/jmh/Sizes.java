package io.multiprocessing4j.benchmarks.jmh;

/**
 * Work per benchmark invocation, fixed at compile time because JMH's
 * {@code @OperationsPerInvocation} needs constants. They follow the Python baseline's quick
 * configuration; with JMH the number of repetitions, not the batch size, differs between quick
 * and full runs.
 */
public final class Sizes {
    /** Items per burst of {@code queue_throughput} (int and 1 KiB). */
    public static final int QUEUE_ITEMS = 5_000;
    /** Items per burst of {@code queue_throughput_64k}. */
    public static final int QUEUE_64K_ITEMS = 300;
    /** Chunks per burst of {@code pipe_throughput}. */
    public static final int PIPE_CHUNKS = 1_000;
    /** Bytes per chunk of {@code pipe_throughput}. */
    public static final int PIPE_CHUNK_BYTES = 64 * 1024;
    /** Iterations per worker per command of {@code lock_contended}. */
    public static final int LOCK_CONTENDED_ITERS = 30_000;
    /** Iterations per worker per command of {@code value_increment}. */
    public static final int VALUE_ITERS = 15_000;
    /** Bytes of the shared array of {@code array_bandwidth}. */
    public static final int ARRAY_BYTES = 100_000_000;
    /** Items of {@code pool_map_overhead/default_chunksize}. */
    public static final int POOL_ITEMS = 100_000;
    /** Items of {@code pool_map_overhead/chunksize_1}. */
    public static final int POOL_ITEMS_CS1 = 2_000;
    /** Iterations per command of {@code manager_dict_ops} (two proxy calls each). */
    public static final int MANAGER_ITERS = 1_000;
    /** Round trips per command of {@code sync_pingpong}. */
    public static final int SYNC_ROUND_TRIPS = 1_000;
    /** Tasks per map of {@code pool_scaling} (chunk size 1). */
    public static final int POOL_SCALING_ITEMS = 2_000;

    private Sizes() {
    }

    /**
     * Items per burst of {@code queue_scaling} for a message size: about 64 MiB, between 64
     * and 4 000 items, divisible by 8 so that up to 8 producers share it evenly.
     *
     * @param bytes the message size
     * @return the item count
     */
    public static int queueScalingItems(int bytes) {
        long n = (64L << 20) / Math.max(1, bytes);
        n = Math.max(64, Math.min(4_000, n));
        return (int) (n / 8 * 8);
    }
}
