package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
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
 * {@code pipe_pingpong} (unpinned, and pinned with {@code placement}) and {@code pipe_throughput}
 * over a duplex {@code Pipe()}.
 */
public class PipeBench {
    /** An echo child on the other end of a duplex pipe. */
    @State(Scope.Benchmark)
    public static class EchoState {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;
        /** {@code unpinned}, {@code same_cpu} or {@code cross_cpu}. */
        @Param({Pinning.UNPINNED})
        public String placement;

        Context mp;
        Connection end;
        ChildProcess child;
        private List<Integer> cpus;

        /** Pins this JVM if asked, starts the echo and makes one round trip (child is up). */
        @Setup(Level.Trial)
        public void start() {
            cpus = Pinning.UNPINNED.equals(placement) ? List.of() : Pinning.allowedCpus();
            Pinning.Placement pin = Pinning.pinParent(placement);
            mp = Children.open(backend);
            Pipe p = mp.pipe();
            child = mp.process(Workers::echo, new Jobs.Echo(p.right(), pin)).daemon(true).start();
            end = p.left();
            end.send(0);
            Children.reply(end);
        }

        /** Stops the echo, closes the backend, unpins. */
        @TearDown(Level.Trial)
        public void stop() {
            Children.stop(mp, List.of(child), List.of(end));
            if (!Pinning.UNPINNED.equals(placement)) {
                Pinning.unpinParent(cpus);
            }
        }
    }

    /** A child that sends bursts of 64 KiB chunks on command. */
    @State(Scope.Benchmark)
    public static class SenderState {
        /** The backend under test. */
        @Param({"threads"})
        public String backend;

        Context mp;
        Connection end;
        ChildProcess child;
        final byte[] buffer = new byte[Sizes.PIPE_CHUNK_BYTES];

        /** Starts the sender. */
        @Setup(Level.Trial)
        public void start() {
            mp = Children.open(backend);
            Pipe p = mp.pipe();
            child = mp.process(Workers::pipeSender, p.right()).daemon(true).start();
            end = p.left();
            Children.awaitReady(end);
        }

        /** Stops the sender and closes the backend. */
        @TearDown(Level.Trial)
        public void stop() {
            Children.stop(mp, List.of(child), List.of(end));
        }
    }

    /**
     * One round trip of a small int: {@code send(i); recv()}.
     *
     * @param s the echo
     * @return the echoed object
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pipePingpong(EchoState s) {
        s.end.send(7);
        return s.end.recv();
    }

    /**
     * 1 000 chunks of 64 KiB, each received with {@code recvBytes()}.
     *
     * @param s the sender
     * @return the last chunk
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(Sizes.PIPE_CHUNKS)
    public byte[] pipeRecvBytes(SenderState s) {
        s.end.send(new int[] {Sizes.PIPE_CHUNKS, Sizes.PIPE_CHUNK_BYTES});
        byte[] last = null;
        for (int i = 0; i < Sizes.PIPE_CHUNKS; i++) {
            last = s.end.recvBytes();
        }
        return last;
    }

    /**
     * 1 000 chunks of 64 KiB, each received into one preallocated buffer.
     *
     * @param s the sender
     * @return the last length
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(Sizes.PIPE_CHUNKS)
    public int pipeRecvBytesInto(SenderState s) {
        s.end.send(new int[] {Sizes.PIPE_CHUNKS, Sizes.PIPE_CHUNK_BYTES});
        int n = 0;
        for (int i = 0; i < Sizes.PIPE_CHUNKS; i++) {
            n = s.end.recvBytesInto(s.buffer);
        }
        return n;
    }
}
