package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;

/**
 * E002-05: {@code ClockProcess}, a subclass carrying a field ({@code value}, the interval) that the
 * child uses: five ticks {@code value} seconds apart take at least five intervals.
 */
public final class E002_05_ClockProcess {
    private E002_05_ClockProcess() {
    }

    /** The seed's {@code ClockProcess}: its field travels to the child. */
    static final class ClockProcess extends ChildProcess {
        private final double value;
        private final TimeScale scale;

        ClockProcess(Context mp, double value, TimeScale scale) {
            super(mp);
            this.value = value;
            this.scale = scale;
        }

        @Override
        public void run() throws Exception {
            for (int i = 0; i < 5; i++) {
                System.out.println("The time is " + PyTime.ctime());
                scale.sleep(value);
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return how long start to join took, in ms, and the exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        long t0 = System.nanoTime();
        ChildProcess p = new ClockProcess(mp, 2, scale);
        p.start();
        p.join();
        return new ExampleResult().put("elapsedMs", (System.nanoTime() - t0) / 1_000_000).put("exitCode", p.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_05_ClockProcess::run);
    }
}
