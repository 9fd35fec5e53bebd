package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import java.time.Duration;
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
 * {@code process_start_join} and {@code process_start_first_instruction}: one sample per process
 * (single-shot iterations), with the backend's spare JVMs ({@code spares}) or without
 * ({@code cold}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProcessStartBench {
    /** The backend under test. */
    @Param({"threads"})
    public String backend;
    /** {@code spares}: the backend's default spare processes; {@code cold}: none. */
    @Param({"spares", "cold"})
    public String start;

    private Context mp;

    /** Opens the context. */
    @Setup(Level.Trial)
    public void open() {
        ContextOptions o = "cold".equals(start) ? ContextOptions.DEFAULTS.withSpareProcesses(0) : ContextOptions.DEFAULTS;
        mp = Multiprocessing.context(backend, o);
    }

    /** Closes the context. */
    @TearDown(Level.Trial)
    public void close() {
        Children.stop(mp, List.of(), List.of());
    }

    /**
     * {@code Process(target=noop); start(); join()}.
     *
     * @return the exit code
     */
    @Benchmark
    public int processStartJoin() {
        ChildProcess p = mp.process(Workers::noop).start();
        if (!p.join(Duration.ofSeconds(60)) || p.exitCode() != 0) {
            throw new IllegalStateException("noop child ended with " + p.exitCode());
        }
        return p.exitCode();
    }

    /** The child's first-instruction timestamp, as a secondary result per sample. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FirstInstruction {
        /** Milliseconds from the parent's clock before {@code start()} to the child's first line. */
        public double firstInstructionMs;

        /** Clears the counter for each sample. */
        @Setup(Level.Iteration)
        public void reset() {
            firstInstructionMs = 0;
        }
    }

    /** A process and its pipe, made before the clock starts, as the baseline does. */
    @State(Scope.Thread)
    public static class Pending {
        Pipe pipe;
        ChildProcess child;

        /**
         * Makes the pipe and the (unstarted) process.
         *
         * @param bench the benchmark's context
         */
        @Setup(Level.Invocation)
        public void prepare(ProcessStartBench bench) {
            pipe = bench.mp.pipe(false);
            child = bench.mp.process(Workers::firstInstruction, pipe.right());
        }

        /** Joins the child and closes the pipe, outside the timed region. */
        @TearDown(Level.Invocation)
        public void finish() {
            if (child != null && child.exitCode() == null && child.isAlive()) {
                child.join(Duration.ofSeconds(60));
            }
            pipe.right().close();
            pipe.left().close();
        }
    }

    /**
     * Parent clock just before {@code start()} to the child's first line of its target (the
     * child's {@code System.nanoTime()}, CLOCK_MONOTONIC on Linux); the JMH score also includes
     * the message's trip back.
     *
     * @param p the process to start
     * @param counter receives the child-side figure
     * @return the child's timestamp
     */
    @Benchmark
    public long processStartFirstInstruction(Pending p, FirstInstruction counter) {
        long t0 = System.nanoTime();
        p.child.start();
        long t1 = p.pipe.left().<Long>recv(Duration.ofSeconds(60));
        counter.firstInstructionMs += (t1 - t0) / 1e6;
        return t1;
    }
}
