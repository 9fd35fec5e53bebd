package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import java.util.List;

/**
 * E002-02: the child ends with {@code os._exit(3)}; the parent's {@code os.wait()} returns that child
 * and status 3. {@link Multiprocessing#waitAny} over the children plays {@code os.wait()}; the seed's
 * final busy loop ({@code while True: pass}) is left out.
 */
public final class E002_02_ExitStatus {
    private E002_02_ExitStatus() {
    }

    static void child(TimeScale scale) throws InterruptedException {
        scale.sleep(3);
        System.out.printf("Child %d process exit%n", PyTime.getpid());
        Multiprocessing.exit(3);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return whether wait returned the child, and its status
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p = mp.process(E002_02_ExitStatus::child, scale).start();
        List<Object> ready = Multiprocessing.waitAny(List.of(p));
        ChildProcess waited = (ChildProcess) ready.get(0);
        waited.join(); // its output is passed on before join returns
        System.out.println("pid: " + waited.pid());
        System.out.println("status: " + waited.exitCode());
        System.out.println("Parent process...");
        return new ExampleResult().put("waitedIsChild", waited == p).put("status", waited.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_02_ExitStatus::run);
    }
}
