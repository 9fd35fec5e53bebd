package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;

/**
 * E001-04: a {@code Pipe()}: the child sends the time, the parent receives it after the join.
 */
public final class E001_04_PipeWatch {
    private E001_04_PipeWatch() {
    }

    static void watch(String owner, Connection conn, TimeScale scale) throws InterruptedException {
        System.out.println(owner + "(" + PyTime.getpid() + ") is looking at his/her watch");
        scale.sleep(3);
        String now = PyTime.ctime();
        conn.send(now);
        System.out.println(owner + "(" + PyTime.getpid() + ")'s Watch says it is " + now);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return what the parent received
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        System.out.println("I(" + PyTime.getpid() + ") am asking time.");
        Pipe pipe = mp.pipe();
        Connection connForMe = pipe.left();
        Connection connForMike = pipe.right();
        ChildProcess p = mp.process((Connection c) -> watch("Mike", c, scale), connForMike);
        p.start();
        p.join();
        String received = connForMe.recv();
        System.out.println("I see Mike's watch says: " + received);
        return new ExampleResult().put("received", received);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E001_04_PipeWatch::run);
    }
}
