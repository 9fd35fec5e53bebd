package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedEvent;
import java.nio.charset.StandardCharsets;

/**
 * E002-14: an {@code Event} and a password. The seed's thread sets a global and the event; the main
 * thread checks the global after the event. With a shared event and a plain global the check passes
 * only where memory is shared (threads); with a shared event and a shared array it passes on every
 * backend.
 */
public final class E002_14_EventPassword {
    private E002_14_EventPassword() {
    }

    static final String PASSWORD = "天王盖地虎";
    static String s;

    static void bar(SharedEvent e, SharedArray shared, TimeScale scale) throws InterruptedException {
        System.out.println("Bar 拜山头");
        scale.sleep(1);
        s = PASSWORD;
        shared.value(PASSWORD.getBytes(StandardCharsets.UTF_8));
        e.set();
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return whether the check passed with the plain global and with the shared array
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        s = null;
        SharedEvent e = mp.event();
        SharedArray shared = mp.array('c', PASSWORD.getBytes(StandardCharsets.UTF_8).length);
        ChildProcess b = mp.process(() -> bar(e, shared, scale));
        b.start();
        System.out.println("说对口令就是自己人");
        e.await();
        boolean global = PASSWORD.equals(s);
        System.out.println(global ? "确认过眼神,你是对的人" : "打死他");
        boolean viaShared = PASSWORD.equals(new String(shared.value(), StandardCharsets.UTF_8));
        System.out.println(viaShared ? "确认过眼神,你是对的人" : "打死他");
        b.join();
        return new ExampleResult().put("globalCheck", global).put("sharedCheck", viaShared);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_14_EventPassword::run);
    }
}
