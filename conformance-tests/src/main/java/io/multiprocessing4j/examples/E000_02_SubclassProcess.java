package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E000-02: a subclass of Process overriding {@code run()}.
 *
 * <pre>
 * class MyProcess(mp.Process):
 *     def __init__(self,name): super().__init__(); self._name=name
 *     def run(self):
 *         print("%s is running"%self._name); time.sleep(2); print("%s is done"%self._name)
 * </pre>
 */
public final class E000_02_SubclassProcess {
    private E000_02_SubclassProcess() {
    }

    /** The seed's {@code MyProcess}: setting {@code self._name} renames the process, as here. */
    static final class MyProcess extends ChildProcess {
        private final TimeScale scale;

        MyProcess(Context mp, String name, TimeScale scale) {
            super(mp);
            name(name);
            this.scale = scale;
        }

        @Override
        public void run() throws Exception {
            System.out.printf("%s is running%n", name());
            scale.sleep(2);
            System.out.printf("%s is done%n", name());
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the exit codes
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess process1 = new MyProcess(mp, "hello world!", scale);
        ChildProcess process2 = new MyProcess(mp, "Good!", scale);
        process1.start();
        process2.start();
        process1.join();
        process2.join();
        System.out.println("Ending...");
        return new ExampleResult().put("exitCodes", process1.exitCode() + "," + process2.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_02_SubclassProcess::run);
    }
}
