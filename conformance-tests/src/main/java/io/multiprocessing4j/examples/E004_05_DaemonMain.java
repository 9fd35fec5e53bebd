package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;

/**
 * E004-05's main program: starts a non-daemon child ({@code play_music}) and a daemon child
 * ({@code play_lol}) and ends without joining either, as the seed does. When the main program ends,
 * the daemon child is terminated and the non-daemon child finishes first (Python's exit handler
 * does both; here the backend does). The seed sets both to {@code daemon = False} and explains
 * {@code True}; the port shows both at once. The daemon's loop is long (the seed's 5 steps would
 * race with the program's end), so "it was cut short" never depends on timing.
 *
 * <p>Usage: {@code E004_05_DaemonMain [backend] [millisPerSecond]}. The context is deliberately not
 * closed: closing it would end the children itself.
 */
public final class E004_05_DaemonMain {
    /** How many steps the daemon would take if it were not ended. */
    static final int DAEMON_STEPS = 1000;

    private E004_05_DaemonMain() {
    }

    static void playMusic(TimeScale scale) throws InterruptedException {
        System.out.println("子进程p1,PID: " + PyTime.getpid());
        for (int i = 0; i < 5; i++) {
            System.out.println("play music ...");
            scale.sleep(1);
        }
        System.out.println("p1 done");
    }

    static void playLol(TimeScale scale) throws InterruptedException {
        System.out.println("子进程p2,PID: " + PyTime.getpid());
        for (int i = 0; i < DAEMON_STEPS; i++) {
            System.out.println("play lol ...");
            scale.sleep(1);
        }
        System.out.println("p2 done");
    }

    /**
     * Starts the two children and returns.
     *
     * @param args {@code [backend] [millisPerSecond]}
     */
    public static void main(String[] args) {
        TimeScale scale = args.length > 1 ? new TimeScale(Long.parseLong(args[1])) : TimeScale.REAL;
        Context mp = args.length > 0 ? Multiprocessing.context(args[0]) : Multiprocessing.context();
        long startTime = System.nanoTime();
        ChildProcess p1 = mp.process(E004_05_DaemonMain::playMusic, scale);
        ChildProcess p2 = mp.process(E004_05_DaemonMain::playLol, scale);
        p1.daemon(false);
        p2.daemon(true);
        p1.start();
        p2.start();
        System.out.println("daemon pid: " + p2.pid());
        System.out.println("多进程所用的时间" + (System.nanoTime() - startTime) / 1e9);
        System.out.println("主进程pid:  " + PyTime.getpid());
    }
}
