package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;

/**
 * E003-03: a duplex {@code Pipe}: father and son exchange a message each, in order. The seed does not
 * join; the port does.
 */
public final class E003_03_DuplexPipe {
    private E003_03_DuplexPipe() {
    }

    static void func(Connection n) {
        System.out.println(n.<String>recv());
        n.send("from son");
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return what the father received
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        Pipe pipe = mp.pipe();
        Connection f = pipe.left();
        Connection s = pipe.right();
        ChildProcess p = mp.process(E003_03_DuplexPipe::func, s);
        p.start();
        f.send("from father");
        String got = f.recv();
        System.out.println(got);
        p.join();
        return new ExampleResult().put("fatherReceived", got).put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_03_DuplexPipe::run);
    }
}
