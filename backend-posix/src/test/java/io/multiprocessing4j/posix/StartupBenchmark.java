package io.multiprocessing4j.posix;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.posix.context.PosixContext;
import io.multiprocessing4j.spi.launch.AotCache;
import java.time.Duration;
import java.util.Arrays;

/**
 * Measures a posix child's start-up, from {@code start()} to its first message (over a queue, so
 * that a spare can run it) and to its end ({@code join()}), and an empty process's start to end:
 * cold, with the AOT cache, and on a spare JVM. Run by hand with the test class path:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... io.multiprocessing4j.posix.StartupBenchmark [rounds]}.
 */
public final class StartupBenchmark {
    private StartupBenchmark() {
    }

    /** @param args the number of rounds per configuration (default 5) */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        measure("cold (no spare, no AOT cache)", ContextOptions.DEFAULTS.withSpareProcesses(0).withAotCache(false), rounds);
        AotCache cache = AotCache.shared(true);
        cache.ready(); // starts the training if there is no cache yet
        System.out.println("AOT cache ready: " + cache.awaitTraining(Duration.ofSeconds(180)));
        measure("AOT cache, no spare", ContextOptions.DEFAULTS.withSpareProcesses(0), rounds);
        measure("spare JVM (+ AOT cache)", ContextOptions.DEFAULTS.withSpareProcesses(1), rounds);
        System.exit(0);
    }

    private static void measure(String what, ContextOptions options, int rounds) throws Exception {
        double[] first = new double[rounds];
        double[] end = new double[rounds];
        double[] empty = new double[rounds];
        try (PosixContext mp = (PosixContext) Multiprocessing.context("posix", options)) {
            SharedQueue<Long> q = mp.queue();
            for (int i = 0; i < rounds; i++) {
                if (options.spareProcesses() > 0) {
                    mp.awaitSpares(Duration.ofSeconds(30));
                    Thread.sleep(1500); // a benchmark letting the spare JVM finish booting, not a test
                }
                long t0 = System.nanoTime();
                ChildProcess c = mp.process(() -> q.put(System.nanoTime())).start();
                q.get(Duration.ofSeconds(60));
                long t1 = System.nanoTime();
                c.join();
                long t2 = System.nanoTime();
                first[i] = (t1 - t0) / 1e6;
                end[i] = (t2 - t0) / 1e6;
                if (options.spareProcesses() > 0) {
                    mp.awaitSpares(Duration.ofSeconds(30));
                    Thread.sleep(1500);
                }
                long t3 = System.nanoTime();
                mp.process(() -> { }).start().join(); // no shared object: the child never touches the FFI
                empty[i] = (System.nanoTime() - t3) / 1e6;
            }
        }
        Arrays.sort(first);
        Arrays.sort(end);
        Arrays.sort(empty);
        System.out.printf("%-32s first message: median %6.1f ms (min %6.1f); joined: median %6.1f ms;"
                + " empty process joined: median %6.1f ms (min %6.1f)%n",
                what, first[rounds / 2], first[0], end[rounds / 2], empty[rounds / 2], empty[0]);
    }
}
