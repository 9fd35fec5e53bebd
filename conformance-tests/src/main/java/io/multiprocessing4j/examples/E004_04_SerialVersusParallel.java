package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedBarrier;
import java.time.Duration;

/**
 * E004-04: serial against parallel: two tasks of five one-second steps take ten seconds one after
 * the other and about five in two processes. Both processes first meet at a barrier, which proves
 * that the two tasks overlapped (without it a slow process start could let one finish before the
 * other begins); the timings are reported, not asserted.
 */
public final class E004_04_SerialVersusParallel {
    private E004_04_SerialVersusParallel() {
    }

    static void playMusic(TimeScale scale) throws InterruptedException {
        System.out.println("子进程p1,PID: " + PyTime.getpid());
        for (int i = 0; i < 5; i++) {
            System.out.println("play music ...");
            scale.sleep(1);
        }
    }

    static void playLol(TimeScale scale) throws InterruptedException {
        System.out.println("子进程p2,PID: " + PyTime.getpid());
        for (int i = 0; i < 5; i++) {
            System.out.println("play lol ...");
            scale.sleep(1);
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return serial and parallel times in ms, and whether both processes were running at once
     * @throws InterruptedException if interrupted
     */
    public static ExampleResult run(Context mp, TimeScale scale) throws InterruptedException {
        long start1 = System.nanoTime();
        playMusic(scale);
        playLol(scale);
        double serial = (System.nanoTime() - start1) / 1e6;
        System.out.printf("单进程使用时间是:%.2f%n", serial / 1000);

        SharedBarrier together = mp.barrier(2);
        ChildProcess p1 = mp.process(() -> { together.await(Duration.ofSeconds(30)); playMusic(scale); });
        ChildProcess p2 = mp.process(() -> { together.await(Duration.ofSeconds(30)); playLol(scale); });
        long startTime = System.nanoTime();
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        double parallel = (System.nanoTime() - startTime) / 1e6;
        System.out.println("多进程所用的时间" + parallel / 1000);
        System.out.println("主进程pid:  " + PyTime.getpid());
        boolean overlapped = p1.exitCode() == 0 && p2.exitCode() == 0 && !together.isBroken();
        return new ExampleResult().put("serialMs", Math.round(serial)).put("parallelMs", Math.round(parallel))
                .put("overlapped", overlapped);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_04_SerialVersusParallel::run);
    }
}
