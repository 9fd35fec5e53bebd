package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E000-01: two processes from {@code target=say_hi, args, name}; start both, join both, print
 * "Ending...".
 *
 * <pre>
 * process_1=mp.Process(target=say_hi,args=("hello world!",),name="Process_1")
 * process_2=mp.Process(target=say_hi,args=("Good!",),name="Process_2")
 * process_1.start(); process_2.start(); process_1.join(); process_2.join()
 * print("Ending...")
 * </pre>
 */
public final class E000_01_TwoProcesses {
    private E000_01_TwoProcesses() {
    }

    /**
     * {@code def say_hi(words)}.
     *
     * @param words what to say
     * @param scale the time scale
     * @throws InterruptedException if interrupted while sleeping
     */
    static void sayHi(String words, TimeScale scale) throws InterruptedException {
        scale.sleep(2);
        System.out.println("I say:" + words);
        scale.sleep(2);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the processes' names and exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess process1 = mp.process(E000_01_TwoProcesses::sayHi, "hello world!", scale).name("Process_1");
        ChildProcess process2 = mp.process(E000_01_TwoProcesses::sayHi, "Good!", scale).name("Process_2");
        process1.start();
        process2.start();
        process1.join();
        process2.join();
        System.out.println("Ending...");
        return new ExampleResult().put("names", process1.name() + "," + process2.name())
                .put("exitCodes", process1.exitCode() + "," + process2.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_01_TwoProcesses::run);
    }
}
