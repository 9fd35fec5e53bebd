package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.Pipe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/** {@code manager_startup} and {@code manager_dict_ops}. */
public class ManagerBench {
    /** A backend without a manager; each sample starts one. */
    @State(Scope.Benchmark)
    public static class Fresh {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        Manager manager;

        /** Opens the backend. */
        @Setup(Level.Trial)
        public void open() {
            mp = Children.open(backend);
        }

        /** Shuts the sample's manager, outside the timed region (as the baseline). */
        @TearDown(Level.Invocation)
        public void shutdown() {
            if (manager != null) {
                manager.close();
                manager = null;
            }
        }

        /** Closes the backend. */
        @TearDown(Level.Trial)
        public void close() {
            mp.close();
        }
    }

    /** A manager, its dict, and a child working on the dict. */
    @State(Scope.Benchmark)
    public static class DictChild {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        Manager manager;
        Connection ctl;
        ChildProcess child;

        /** Starts the manager and the child; the child warms the proxy before {@code ready}. */
        @Setup(Level.Trial)
        public void open() {
            mp = Children.open(backend);
            manager = mp.manager();
            ConcurrentMap<Object, Object> d = manager.dict();
            Pipe p = mp.pipe();
            child = mp.process(Workers::dictWorker, new Jobs.DictWorker(d, p.right())).daemon(true).start();
            ctl = p.left();
            Children.awaitReady(ctl);
        }

        /** Stops the child, the manager and the backend. */
        @TearDown(Level.Trial)
        public void close() {
            try {
                manager.close();
            } finally {
                Children.stop(mp, List.of(child), List.of(ctl));
            }
        }
    }

    /** The child-timed nanoseconds, summed per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ChildTime {
        /** Nanoseconds the child spent on its proxy calls, this iteration. */
        public long childNs;
        /** Commands this iteration. */
        public long commands;

        /** Clears the sums for each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            childNs = 0;
            commands = 0;
        }
    }

    /**
     * {@code Manager()} started, a {@code dict()} proxy made, one item set.
     *
     * @param s the backend
     * @return the dict
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Map<Object, Object> managerStartup(Fresh s) {
        s.manager = s.mp.manager();
        ConcurrentMap<Object, Object> d = s.manager.dict();
        d.put("x", 1);
        return d;
    }

    /**
     * The child does 1 000 × {@code d[k] = i; d[k]} (2 000 proxy calls) per command.
     *
     * @param s the child
     * @param t receives the child's own timing
     * @return the child's nanoseconds
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(2 * Sizes.MANAGER_ITERS)
    public long managerDictOps(DictChild s, ChildTime t) {
        s.ctl.send(Sizes.MANAGER_ITERS);
        long ns = Children.<Long>reply(s.ctl);
        t.childNs += ns;
        t.commands++;
        return ns;
    }
}
