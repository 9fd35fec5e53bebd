package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedQueue;
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
 * {@code queue_throughput} (int, 1 KiB), {@code queue_throughput_64k} and {@code queue_scaling}:
 * child producers {@code put()} a burst of items and a sentinel into one queue, the parent
 * {@code get()}s them all. The producers start in the trial set-up, outside every measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueBench {
    /** The backend under test. */
    @Param({"threads"})
    public String backend;
    /** Producer processes (1 for the baseline's benchmarks). */
    @Param({"1"})
    public int producers;
    /** Message size for {@code queue_scaling}; the fixed-size benchmarks ignore it. */
    @Param({"1024"})
    public int bytes;

    private Context mp;
    private SharedQueue<Object> queue;
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<io.multiprocessing4j.Connection> ctls = new ArrayList<>();

    /** Opens the backend and starts the producers; each says {@code ready} before any timing. */
    @Setup(Level.Trial)
    public void start() {
        mp = Children.open(backend);
        queue = mp.queue();
        for (int i = 0; i < producers; i++) {
            Pipe p = mp.pipe();
            children.add(mp.process(Workers::queueProducer, new Jobs.Producer(queue, p.right())).daemon(true).start());
            ctls.add(p.left());
        }
        ctls.forEach(Children::awaitReady);
    }

    /** Stops the producers and closes the backend. */
    @TearDown(Level.Trial)
    public void stop() {
        Children.stop(mp, children, ctls);
    }

    /**
     * 5 000 small ints per burst.
     *
     * @return the sentinel
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.QUEUE_ITEMS)
    public Object queueInt() {
        return burst(Sizes.QUEUE_ITEMS, 0);
    }

    /**
     * 5 000 byte arrays of 1 KiB per burst.
     *
     * @return the sentinel
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.QUEUE_ITEMS)
    public Object queue1KiB() {
        return burst(Sizes.QUEUE_ITEMS, 1024);
    }

    /**
     * 300 byte arrays of 64 KiB per burst.
     *
     * @return the sentinel
     */
    @Benchmark
    @OperationsPerInvocation(Sizes.QUEUE_64K_ITEMS)
    public Object queue64KiB() {
        return burst(Sizes.QUEUE_64K_ITEMS, 64 * 1024);
    }

    /**
     * {@link Sizes#queueScalingItems(int)} messages of {@code bytes} bytes, shared among the
     * producers; the score is bursts per second (the report converts it to messages and MB).
     *
     * @return the last sentinel
     */
    @Benchmark
    public Object queueScaling() {
        return burst(Sizes.queueScalingItems(bytes), bytes);
    }

    private Object burst(int items, int size) {
        int each = items / producers;
        for (var c : ctls) {
            c.send(new int[] {each, size});
        }
        Object last = null;
        int sentinels = 0;
        int got = 0;
        while (sentinels < producers) {
            last = queue.take();
            if (Workers.END.equals(last)) {
                sentinels++;
            } else {
                got++;
            }
        }
        if (got != each * producers) {
            throw new IllegalStateException("queue delivered " + got + " items, expected " + each * producers);
        }
        return last;
    }
}
