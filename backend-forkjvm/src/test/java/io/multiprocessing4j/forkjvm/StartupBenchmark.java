package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.spi.launch.AotCache;
import java.time.Duration;
import java.util.Arrays;

/**
 * Measures a child's start-up: from {@code start()} to its first message, and to its end
 * ({@code join()}), and the child's CPU time until it sent (load-independent), cold, with the AOT
 * cache, and with a spare JVM (whose CPU time includes what it spent while waiting). Run by hand with the test
 * class path: {@code java -cp ... io.multiprocessing4j.forkjvm.StartupBenchmark [rounds]}.
 */
public final class StartupBenchmark {
    private StartupBenchmark() {
    }

    /** @param args the number of rounds per configuration (default 5) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        measure("cold (no spare, no AOT cache)", ContextOptions.DEFAULTS.withSpareProcesses(0).withAotCache(false), rounds);
        try (Context warm = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0))) {
            once(warm); // starts the AOT training if there is no cache yet
        }
        AotCache cache = AotCache.shared(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!cache.ready() && System.nanoTime() < deadline) {
            Thread.sleep(200); // a benchmark waiting for a background build, not a test
        }
        System.out.println("AOT cache ready: " + cache.ready());
        measure("AOT cache, no spare", ContextOptions.DEFAULTS.withSpareProcesses(0), rounds);
        measure("spare JVM (+ AOT cache)", ContextOptions.DEFAULTS.withSpareProcesses(1), rounds);
        System.exit(0);
    }

    private static void measure(String what, ContextOptions options, int rounds) throws Exception {
        double[] first = new double[rounds];
        double[] end = new double[rounds];
        double[] cpu = new double[rounds];
        try (Context mp = Multiprocessing.context("forkjvm", options)) {
            for (int i = 0; i < rounds; i++) {
                if (options.spareProcesses() > 0) {
                    ((ForkJvmContext) mp).awaitSpares(Duration.ofSeconds(30));
                }
                double[] r = once(mp);
                first[i] = r[0];
                end[i] = r[1];
                cpu[i] = r[2];
            }
        }
        Arrays.sort(first);
        Arrays.sort(end);
        Arrays.sort(cpu);
        System.out.printf("%-32s first message: median %6.1f ms (min %6.1f); joined: median %6.1f ms;"
                + " child CPU to first message: median %6.1f ms%n", what, first[rounds / 2], first[0], end[rounds / 2],
                cpu[rounds / 2]);
    }

    private static double[] once(Context mp) {
        Pipe p = mp.pipe(false);
        Connection tx = p.right();
        long t0 = System.nanoTime();
        ChildProcess c = mp.process(() -> tx.send(ProcessHandle.current().info().totalCpuDuration()
                .map(Duration::toNanos).orElse(-1L))).start();
        long childCpu = p.left().recv(Duration.ofSeconds(60));
        long t1 = System.nanoTime();
        c.join();
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e6, (t2 - t0) / 1e6, childCpu / 1e6};
    }
}
