package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.Namespace;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * E003-05: every type a manager supports (list, dict, Namespace, Lock, RLock, Semaphore,
 * BoundedSemaphore, Condition, Event, Barrier, Queue, Value, Array), each made by the manager and
 * used from a child process; the parent checks what the child did.
 */
public final class E003_05_ManagerTypes {
    private E003_05_ManagerTypes() {
    }

    /** Every proxy, sent to the child in one argument. */
    record Proxies(List<String> list, Map<String, Integer> dict, Namespace ns, SharedLock lock, SharedRLock rlock,
            SharedSemaphore sem, SharedSemaphore bsem, SharedCondition cond, SharedEvent event, SharedBarrier barrier,
            SharedQueue<String> queue, SharedValue value, SharedArray array) implements Serializable {
    }

    static void child(Proxies p) {
        p.list().add("from child");
        p.dict().put("child", 1);
        p.ns().set("x", 42);
        p.lock().acquire();
        p.lock().release();
        p.rlock().acquire();
        p.rlock().acquire();
        p.rlock().release();
        p.rlock().release();
        p.sem().acquire();
        p.bsem().acquire();
        p.bsem().release();
        p.queue().put("queued");
        p.value().setInt(7);
        p.array().setInt(1, 9);
        p.cond().lock().acquire();
        p.cond().signalAll();
        p.cond().lock().release();
        p.event().set();
        p.barrier().await(Duration.ofSeconds(20));
        System.out.println("child used every manager type");
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return what the parent sees of each type afterwards
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        try (Manager m = mp.manager()) {
            Proxies p = new Proxies(m.list(), m.dict(), m.namespace(), m.lock(), m.rlock(), m.semaphore(2),
                    m.boundedSemaphore(1), m.condition(), m.event(), m.barrier(2), m.queue(), m.value('i', 0),
                    m.array('i', 3));
            ChildProcess c = mp.process(E003_05_ManagerTypes::child, p).start();
            int index = p.barrier().await(Duration.ofSeconds(20));
            c.join();
            ExampleResult r = new ExampleResult().put("list", p.list().toString()).put("dict", p.dict().toString())
                    .put("ns.x", p.ns().get("x")).put("lockFree", p.lock().acquire(Duration.ZERO))
                    .put("rlockFree", p.rlock().acquire(Duration.ZERO)).put("sem", p.sem().value())
                    .put("bsem", p.bsem().value()).put("event", p.event().isSet()).put("barrierIndex", index >= 0)
                    .put("queue", p.queue().get(Duration.ofSeconds(10))).put("value", p.value().getInt())
                    .put("array1", p.array().getInt(1)).put("childExit", c.exitCode());
            System.out.println(r);
            return r;
        }
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_05_ManagerTypes::run);
    }
}
