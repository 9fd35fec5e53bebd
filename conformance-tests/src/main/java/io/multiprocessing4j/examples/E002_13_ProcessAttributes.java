package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SharedEvent;

/**
 * E002-13: name, daemon flag, rename after start and {@code is_alive}, on a process. The seed's
 * thread sleeps 3 s so that it is alive when asked; the port's child waits (at most 3 s) for an
 * event the parent sets after asking, so "alive" never depends on timing. The seed's daemon thread
 * dies with the program; the port joins it.
 */
public final class E002_13_ProcessAttributes {
    private E002_13_ProcessAttributes() {
    }

    static void fun(SharedEvent asked, TimeScale scale) {
        System.out.println("当前线程: " + Multiprocessing.currentProcess().name());
        asked.await(scale.seconds(3));
        System.out.println("线程属性示例");
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the daemon flag, the name after renaming, is_alive after start
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedEvent asked = mp.event();
        ChildProcess t = mp.process(() -> fun(asked, scale)).name("Tedu");
        t.daemon(true);
        System.out.println("Daemon: " + t.daemon());
        t.start();
        t.name("tarena");
        System.out.println("name: " + t.name());
        boolean alive = t.isAlive();
        System.out.println("Is alive: " + alive);
        asked.set();
        t.join();
        return new ExampleResult().put("daemon", t.daemon()).put("name", t.name()).put("alive", alive)
                .put("aliveAfterJoin", t.isAlive());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_13_ProcessAttributes::run);
    }
}
