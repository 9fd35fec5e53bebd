package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedSemaphore;
import java.util.ArrayList;
import java.util.List;

/**
 * E002-11: {@code Semaphore(3)} and five processes: never more than three inside; the final value is
 * 3. A {@link Gauge} counts who is inside.
 */
public final class E002_11_Semaphore {
    private E002_11_Semaphore() {
    }

    static void fun(SharedSemaphore sem, Gauge gauge, TimeScale scale) throws InterruptedException {
        System.out.printf("%d 想执行事件%n", PyTime.getpid());
        sem.acquire();
        gauge.enter();
        System.out.printf("%d 执行事件......%n", PyTime.getpid());
        scale.sleep(3);
        System.out.printf("%d 执行完毕%n", PyTime.getpid());
        gauge.leave();
        sem.release();
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return the peak inside and the final value
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedSemaphore sem = mp.semaphore(3);
        Gauge gauge = Gauge.create(mp);
        List<ChildProcess> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ChildProcess p = mp.process(() -> fun(sem, gauge, scale));
            jobs.add(p);
            p.start();
        }
        for (ChildProcess p : jobs) {
            p.join();
        }
        System.out.println("Sem: " + sem.value());
        return new ExampleResult().put("peak", gauge.peakValue()).put("entered", gauge.enteredValue())
                .put("final", sem.value());
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_11_Semaphore::run);
    }
}
