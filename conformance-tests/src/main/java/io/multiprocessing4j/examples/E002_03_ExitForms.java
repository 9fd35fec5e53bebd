package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-03: {@code getpid}, {@code getppid}, {@code os._exit(n)}, {@code sys.exit()},
 * {@code sys.exit(n)} and {@code sys.exit("msg")}: exit codes 0, n, n and 1 ("msg" on the child's
 * standard error).
 */
public final class E002_03_ExitForms {
    private E002_03_ExitForms() {
    }

    static void report(String how) {
        System.out.printf("%s: pid %d, ppid %d%n", how, PyTime.getpid(), PyTime.getppid());
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the exit codes of os._exit(5), sys.exit(), sys.exit(7), sys.exit(\"msg\")
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        List<ChildProcess> ps = List.of(
                mp.process(() -> { report("os._exit(5)"); Multiprocessing.exit(5); }),
                mp.process(() -> { report("sys.exit()"); Multiprocessing.exit(0); }),
                mp.process(() -> { report("sys.exit(7)"); Multiprocessing.exit(7); }),
                mp.process(() -> { report("sys.exit(msg)"); Multiprocessing.exit("msg"); }));
        List<Integer> codes = new ArrayList<>();
        for (ChildProcess p : ps) {
            p.start().join();
            codes.add(p.exitCode());
        }
        System.out.println("exit codes: " + codes);
        return new ExampleResult().put("exitCodes", codes);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_03_ExitForms::run);
    }
}
