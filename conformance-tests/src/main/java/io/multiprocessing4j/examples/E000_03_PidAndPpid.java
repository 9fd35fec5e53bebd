package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E000-03: {@code os.getpid()}/{@code os.getppid()} in the child and the parent.
 *
 * <p>The seed's second print, {@code "ts is done,parent id is <%s>"%(os.getpid(),os.getppid())},
 * has one placeholder for two values and raises {@code TypeError} in Python; the port prints
 * what it meant. The seed does not join; the port does, so that the child is not left running.
 */
public final class E000_03_PidAndPpid {
    private E000_03_PidAndPpid() {
    }

    static void task(TimeScale scale) throws InterruptedException {
        System.out.printf("%s is running,parent id is <%s>%n", PyTime.getpid(), PyTime.getppid());
        scale.sleep(2);
        System.out.printf("%s is done,parent id is <%s>%n", PyTime.getpid(), PyTime.getppid());
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the parent's pid and the child's pid as the parent sees it
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess p = mp.process(E000_03_PidAndPpid::task, scale);
        p.start();
        System.out.println("主 " + PyTime.getpid() + " " + PyTime.getppid());
        p.join();
        return new ExampleResult().put("parentPid", PyTime.getpid()).put("childPid", p.pid());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_03_PidAndPpid::run);
    }
}
