package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * {@code lock_uncontended} (one process), {@code lock_contended} and {@code value_increment}
 * (two child processes each incrementing a shared int; the parent checks no update was lost).
 */
public class LockBench {
    /** One lock, no children. */
    @State(Scope.Benchmark)
    public static class Uncontended {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        SharedLock lock;

        /** Makes the lock. */
        @Setup(Level.Trial)
        public void open() {
            mp = Children.open(backend);
            lock = mp.lock();
        }

        /** Closes the backend. */
        @TearDown(Level.Trial)
        public void close() {
            mp.close();
        }
    }

    /** Two workers sharing an int, started before timing. */
    @State(Scope.Benchmark)
    public static class TwoWorkers {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        SharedValue value;
        final List<ChildProcess> children = new ArrayList<>();
        final List<Connection> ctls = new ArrayList<>();

        /**
         * Starts the workers of one benchmark.
         *
         * @param withLock true: {@code lock_contended} (separate lock, raw value); false:
         *     {@code value_increment} (the value's own lock)
         */
        void start(boolean withLock) {
            mp = Children.open(backend);
            SharedLock lock = withLock ? mp.lock() : null;
            value = withLock ? mp.rawValue('i', 0) : mp.value('i', 0);
            for (int i = 0; i < 2; i++) {
                Pipe p = mp.pipe();
                ChildProcess c = withLock
                        ? mp.process(Workers::lockWorker, new Jobs.LockWorker(lock, value, p.right()))
                        : mp.process(Workers::valueWorker, new Jobs.ValueWorker(value, p.right()));
                children.add(c.daemon(true).start());
                ctls.add(p.left());
            }
            ctls.forEach(Children::awaitReady);
        }

        /** Stops the workers and closes the backend. */
        @TearDown(Level.Trial)
        public void stop() {
            Children.stop(mp, children, ctls);
        }

        int run(int n) {
            value.setInt(0);
            for (Connection c : ctls) {
                c.send(n);
            }
            for (Connection c : ctls) {
                Object r = Children.reply(c);
                if (!Workers.DONE.equals(r)) {
                    throw new IllegalStateException("worker replied " + r);
                }
            }
            int v = value.getInt();
            if (v != 2 * n) {
                throw new IllegalStateException("lost updates: " + v + " instead of " + 2 * n);
            }
            return v;
        }
    }

    /** {@code lock_contended}'s workers. */
    @State(Scope.Benchmark)
    public static class Contended extends TwoWorkers {
        /** Starts them. */
        @Setup(Level.Trial)
        public void open() {
            start(true);
        }
    }

    /** {@code value_increment}'s workers. */
    @State(Scope.Benchmark)
    public static class Incrementers extends TwoWorkers {
        /** Starts them. */
        @Setup(Level.Trial)
        public void open() {
            start(false);
        }
    }

    /**
     * {@code acquire(); release()}.
     *
     * @param s the lock
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void lockAcquireRelease(Uncontended s) {
        s.lock.acquire();
        s.lock.release();
    }

    /**
     * {@code try (var held = lock.held()) {}}, Python's {@code with lock: pass}.
     *
     * @param s the lock
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void lockWith(Uncontended s) {
        try (var held = s.lock.held()) {
            // the block is the point
        }
    }

    /**
     * Two workers × 30 000 × {@code lock.acquire(); raw.value += 1; lock.release()}.
     *
     * @param s the workers
     * @return the final count
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(2 * Sizes.LOCK_CONTENDED_ITERS)
    public int lockContended(Contended s) {
        return s.run(Sizes.LOCK_CONTENDED_ITERS);
    }

    /**
     * Two workers × 15 000 × {@code with v.get_lock(): v.value += 1}.
     *
     * @param s the workers
     * @return the final count
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(2 * Sizes.VALUE_ITERS)
    public int valueIncrement(Incrementers s) {
        return s.run(Sizes.VALUE_ITERS);
    }
}
