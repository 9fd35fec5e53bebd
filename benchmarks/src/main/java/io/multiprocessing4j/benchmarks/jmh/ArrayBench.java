package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedMutex;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code array_bandwidth}: a 100 MB {@code Array('b')}; per invocation the parent says "go", a
 * persistent child copies a whole source into it under its lock and replies, and the parent copies
 * it all out into a preallocated buffer under the lock. The score is invocations per second (the
 * report turns it into MB/s); the child's own copy time is a secondary result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ArrayBench {
    /** The backend under test. */
    @Param({"threads"})
    public String backend;

    private Context mp;
    private SharedArray array;
    private SharedMutex lock;
    private Connection ctl;
    private ChildProcess child;
    private byte[] out;
    private MemorySegment outSegment;
    private int rep;

    /** The child-side and parent-side copy times, summed per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CopyTimes {
        /** Nanoseconds the child spent copying in, this iteration. */
        public long childWriteNs;
        /** Nanoseconds the parent spent copying out, this iteration. */
        public long parentReadNs;
        /** Cycles this iteration, to turn the sums into MB/s. */
        public long copies;

        /** Clears the sums for each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            childWriteNs = 0;
            parentReadNs = 0;
            copies = 0;
        }
    }

    /** Makes the array and the writer, then touches the destination once (as the baseline). */
    @Setup(Level.Trial)
    public void start() {
        mp = Children.open(backend);
        array = mp.array('b', Sizes.ARRAY_BYTES);
        lock = array.getLock();
        Pipe p = mp.pipe();
        child = mp.process(Workers::arrayWriter, new Jobs.ArrayWriter(array, p.right())).daemon(true).start();
        ctl = p.left();
        out = new byte[Sizes.ARRAY_BYTES];
        outSegment = MemorySegment.ofArray(out);
        MemorySegment.copy(array.segment(), 0, outSegment, 0, Sizes.ARRAY_BYTES);
        Children.awaitReady(ctl);
    }

    /** Stops the writer and closes the backend. */
    @TearDown(Level.Trial)
    public void stop() {
        Children.stop(mp, List.of(child), List.of(ctl));
    }

    /**
     * Parent "go" → child writes all → child replies → parent has copied all out.
     *
     * @param times receives the two copies' durations
     * @return a byte of the copy
     */
    @Benchmark
    public byte arrayEndToEnd(CopyTimes times) {
        rep++;
        byte fill = (byte) (1 + rep % 2);
        ctl.send((int) fill);
        long writeNs = Children.<Long>reply(ctl);
        long t1 = System.nanoTime();
        try (var held = lock.held()) {
            MemorySegment.copy(array.segment(), 0, outSegment, 0, Sizes.ARRAY_BYTES);
        }
        times.parentReadNs += System.nanoTime() - t1;
        times.childWriteNs += writeNs;
        times.copies++;
        if (out[0] != fill || out[Sizes.ARRAY_BYTES - 1] != fill || out[Sizes.ARRAY_BYTES / 2] != fill) {
            throw new IllegalStateException("stale data: expected " + fill + ", read " + out[0]);
        }
        return out[Sizes.ARRAY_BYTES / 2];
    }
}
