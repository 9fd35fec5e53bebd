package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
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
 * {@code sync_pingpong}: event and semaphore round trips between parent and child, unpinned or
 * pinned ({@code placement}); 1 000 round trips per command, time per round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SyncBench {
    /** What both ping-pong states share. */
    @State(Scope.Benchmark)
    public abstract static class Partner {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;
        /** {@code unpinned}, {@code same_cpu} or {@code cross_cpu}. */
        @Param({Pinning.UNPINNED})
        public String placement;

        Context mp;
        Connection ctl;
        ChildProcess child;
        private List<Integer> cpus;

        /** Pins this JVM if asked, opens the backend, starts the child and waits for it. */
        @Setup(Level.Trial)
        public void start() {
            cpus = Pinning.UNPINNED.equals(placement) ? List.of() : Pinning.allowedCpus();
            Pinning.Placement pin = Pinning.pinParent(placement);
            mp = Children.open(backend);
            Pipe p = mp.pipe();
            ctl = p.left();
            child = startChild(p.right(), pin).daemon(true).start();
            Children.awaitReady(ctl);
        }

        abstract ChildProcess startChild(Connection childEnd, Pinning.Placement pin);

        /** Stops the child, closes the backend, unpins. */
        @TearDown(Level.Trial)
        public void stop() {
            Children.stop(mp, List.of(child), List.of(ctl));
            if (!Pinning.UNPINNED.equals(placement)) {
                Pinning.unpinParent(cpus);
            }
        }
    }

    /** Two events. */
    @State(Scope.Benchmark)
    public static class Events extends Partner {
        SharedEvent e1;
        SharedEvent e2;

        @Override
        ChildProcess startChild(Connection childEnd, Pinning.Placement pin) {
            e1 = mp.event();
            e2 = mp.event();
            return mp.process(Workers::eventEcho, new Jobs.EventEcho(e1, e2, childEnd, pin));
        }
    }

    /** Two semaphores at zero. */
    @State(Scope.Benchmark)
    public static class Semaphores extends Partner {
        SharedSemaphore s1;
        SharedSemaphore s2;

        @Override
        ChildProcess startChild(Connection childEnd, Pinning.Placement pin) {
            s1 = mp.semaphore(0);
            s2 = mp.semaphore(0);
            return mp.process(Workers::semEcho, new Jobs.SemEcho(s1, s2, childEnd, pin));
        }
    }

    /**
     * Parent {@code e1.set(); e2.wait(); e2.clear()}, child {@code e1.wait(); e1.clear(); e2.set()}.
     *
     * @param s the events and child
     * @return whether e2 is set (never)
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.SYNC_ROUND_TRIPS)
    public boolean syncEvent(Events s) {
        s.ctl.send(Sizes.SYNC_ROUND_TRIPS);
        for (int i = 0; i < Sizes.SYNC_ROUND_TRIPS; i++) {
            s.e1.set();
            if (!s.e2.await(Workers.STALL)) {
                throw Workers.stalled("parent: e2 not set", i);
            }
            s.e2.clear();
        }
        return s.e2.isSet();
    }

    /**
     * Parent {@code s1.release(); s2.acquire()}, child {@code s1.acquire(); s2.release()}.
     *
     * @param s the semaphores and child
     * @return s2's value (zero)
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.SYNC_ROUND_TRIPS)
    public int syncSemaphore(Semaphores s) {
        s.ctl.send(Sizes.SYNC_ROUND_TRIPS);
        for (int i = 0; i < Sizes.SYNC_ROUND_TRIPS; i++) {
            s.s1.release();
            if (!s.s2.acquire(Workers.STALL)) {
                throw Workers.stalled("parent: s2 not released", i);
            }
        }
        return s.s2.value();
    }
}
