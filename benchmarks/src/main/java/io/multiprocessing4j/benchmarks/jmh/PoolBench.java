package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code pool_startup}, {@code pool_map_overhead} (default chunk size, chunk size 1),
 * {@code pool_apply_async_latency} and {@code pool_scaling}, with the identity function.
 */
public class PoolBench {
    /** A backend without a pool; each sample makes one. */
    @State(Scope.Benchmark)
    public static class Fresh {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        ProcessPool pool;

        /** Opens the backend. */
        @Setup(Level.Trial)
        public void open() {
            mp = Children.open(backend);
        }

        /** Closes and joins the sample's pool, outside the timed region (as the baseline). */
        @TearDown(Level.Invocation)
        public void closePool() {
            if (pool != null) {
                pool.shutdown();
                pool.join(Duration.ofSeconds(60));
                pool = null;
            }
        }

        /** Closes the backend. */
        @TearDown(Level.Trial)
        public void close() {
            mp.close();
        }
    }

    /** A running pool, warmed with one map of 1 000 items before timing. */
    @State(Scope.Benchmark)
    public static class Running {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;
        /** Workers: 2 for the baseline's benchmarks, swept by {@code pool_scaling}. */
        @Param({"2"})
        public int workers;

        Context mp;
        ProcessPool pool;
        final List<Integer> items = IntStream.range(0, Sizes.POOL_ITEMS).boxed().toList();
        final List<Integer> itemsCs1 = IntStream.range(0, Sizes.POOL_ITEMS_CS1).boxed().toList();
        final List<Integer> itemsScaling = IntStream.range(0, Sizes.POOL_SCALING_ITEMS).boxed().toList();
        int next;

        /** Starts and warms the pool. */
        @Setup(Level.Trial)
        public void open() {
            mp = Children.open(backend);
            pool = mp.pool(workers);
            check(pool.map(Workers::identity, IntStream.range(0, 1000).boxed().toList()), 1000);
        }

        /** Shuts the pool and closes the backend. */
        @TearDown(Level.Trial)
        public void close() {
            try {
                pool.shutdown();
                pool.join(Duration.ofSeconds(60));
            } finally {
                mp.close();
            }
        }
    }

    /**
     * {@code Pool(2)} plus a first map of 4 items with chunk size 1: workers up and serving.
     *
     * @param s the backend
     * @return the results
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Integer> poolStartup(Fresh s) {
        s.pool = s.mp.pool(2);
        return check(s.pool.map(Workers::identity, List.of(0, 1, 2, 3), 1), 4);
    }

    /**
     * {@code pool.map(identity, range(100 000))} with Python's default chunk size; per item.
     *
     * @param s the pool
     * @return the results
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(Sizes.POOL_ITEMS)
    public List<Integer> poolMapDefault(Running s) {
        return check(s.pool.map(Workers::identity, s.items), Sizes.POOL_ITEMS);
    }

    /**
     * {@code pool.map(identity, range(2 000), chunksize=1)}; per item.
     *
     * @param s the pool
     * @return the results
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(Sizes.POOL_ITEMS_CS1)
    public List<Integer> poolMapChunk1(Running s) {
        return check(s.pool.map(Workers::identity, s.itemsCs1, 1), Sizes.POOL_ITEMS_CS1);
    }

    /**
     * {@code apply_async(identity, (i,)).get()}, sequentially.
     *
     * @param s the pool
     * @return the result
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Integer poolApplyAsync(Running s) {
        int i = s.next++;
        Integer r = s.pool.applyAsync(Workers::identity, i).get(Duration.ofSeconds(60));
        if (r != i) {
            throw new IllegalStateException("apply_async returned " + r + " for " + i);
        }
        return r;
    }

    /**
     * 2 000 tasks with chunk size 1 on {@code workers} workers: tasks per second.
     *
     * @param s the pool
     * @return the results
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(Sizes.POOL_SCALING_ITEMS)
    public List<Integer> poolScaling(Running s) {
        return check(s.pool.map(Workers::identity, s.itemsScaling, 1), Sizes.POOL_SCALING_ITEMS);
    }

    private static List<Integer> check(List<Integer> r, int n) {
        if (r.size() != n || r.get(n - 1) != n - 1) {
            throw new IllegalStateException("map returned " + r.size() + " results, expected " + n);
        }
        return r;
    }
}
