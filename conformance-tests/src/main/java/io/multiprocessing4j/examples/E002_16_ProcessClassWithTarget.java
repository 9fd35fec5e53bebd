package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SerializableBiConsumer;

/**
 * E002-16: the seed's {@code MyThread(target, args, kwargs, name)} subclass, as a process subclass:
 * it runs the target with its arguments under the given name.
 */
public final class E002_16_ProcessClassWithTarget {
    private E002_16_ProcessClassWithTarget() {
    }

    /** The seed's {@code MyThread}: target and arguments are fields, and so travel to the child. */
    static final class MyProcess extends ChildProcess {
        private final SerializableBiConsumer<Double, String> target;
        private final double sec;
        private final String song;

        MyProcess(Context mp, SerializableBiConsumer<Double, String> target, double sec, String song, String name) {
            super(mp);
            this.target = target;
            this.sec = sec;
            this.song = song;
            name(name);
        }

        @Override
        public void run() throws Exception {
            target.accept(sec, song);
        }
    }

    static void player(double sec, String song, TimeScale scale) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.out.printf("Playing %s:%s%n", song, PyTime.ctime());
            scale.sleep(sec);
        }
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the process's name and exit code
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ChildProcess t = new MyProcess(mp, (sec, song) -> player(sec, song, scale), 3, "凉凉", "Tedu");
        t.start();
        t.join();
        return new ExampleResult().put("name", t.name()).put("exitCode", t.exitCode());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_16_ProcessClassWithTarget::run);
    }
}
