package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-08: {@code Pipe(False)}: five processes send, the parent receives five times. The seed's
 * children reach {@code fd2} as a global inherited through fork; here it is their argument. Sending
 * on the receive-only end fails clearly.
 */
public final class E002_08_OneWayPipe {
    private E002_08_OneWayPipe() {
    }

    static void fun(Connection fd2, int name, TimeScale scale) throws InterruptedException {
        scale.sleep(3);
        fd2.send(new ArrayList<>(List.of(1, 2, 3, 4, 5)));
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the messages received and the error of sending on the receive-only end
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        Pipe pipe = mp.pipe(false);
        Connection fd1 = pipe.left();
        Connection fd2 = pipe.right();
        List<ChildProcess> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int name = i;
            ChildProcess p = mp.process(() -> fun(fd2, name, scale));
            jobs.add(p);
            p.start();
        }
        System.out.println(jobs);
        List<Object> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Object data = fd1.recv();
            received.add(data);
            System.out.println(data);
        }
        for (ChildProcess p : jobs) {
            p.join();
        }
        String error;
        try {
            fd1.send("wrong way");
            error = "none";
        } catch (IllegalStateException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        System.out.println("fd1.send -> " + error);
        return new ExampleResult().put("received", received).put("sendOnReceiveEnd", error);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_08_OneWayPipe::run);
    }
}
