package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;

/**
 * E004-08: {@code apply(test, (2, 3), {"z": 1})} blocks until the task ran; {@code apply_async} does
 * not. Java has no keyword arguments: {@code z} is passed inside the task. The asynchronous task
 * waits for an event set after the check, so "did not block" never depends on timing.
 */
public final class E004_08_ApplyVersusApplyAsync {
    private E004_08_ApplyVersusApplyAsync() {
    }

    static Object test(int x, int y, int z, SharedValue ran, SharedEvent go, TimeScale scale) {
        if (go != null) {
            go.await(scale.seconds(1).plusSeconds(20));
        }
        System.out.println("子程序正在运行");
        ran.addAndGet(1);
        return x + y + z;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale
     * @return how many tasks had run when apply returned and when apply_async returned
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedValue ran = mp.value('i', 0);
        SharedEvent go = mp.event();
        ProcessPool pool = mp.pool(2);
        Object applied = pool.apply(() -> test(2, 3, 1, ran, null, scale));
        int afterApply = ran.getInt();
        AsyncResult<Object> async = pool.applyAsync(() -> test(2, 3, 1, ran, go, scale));
        int afterApplyAsync = ran.getInt();
        boolean asyncReady = async.ready();
        System.out.println("主程序运行结束");
        go.set();
        Object asyncResult = async.get(Duration.ofSeconds(60));
        pool.shutdown();
        pool.join();
        return new ExampleResult().put("applyResult", applied).put("ranAfterApply", afterApply)
                .put("ranAfterApplyAsync", afterApplyAsync).put("asyncReadyAtReturn", asyncReady)
                .put("asyncResult", asyncResult);
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_08_ApplyVersusApplyAsync::run);
    }
}
