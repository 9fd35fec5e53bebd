package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.CallbackException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.ResultTimeoutException;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.WorkerLostException;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/** Pools (the generic pool every backend gets). */
final class PoolChecks {
    private PoolChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("pools");
        c.add("PL-01", "Pool(0)", "ValueError: Number of processes must be at least 1", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().pool(0));
            assertThrows(IllegalArgumentException.class, () -> env.mp().pool(-1));
            return null;
        });
        c.needing(Feature.POOL, "PL-02", "map keeps order; map of nothing", "results in item order; [] for []", "the same", env -> {
            try (ProcessPool p = env.mp().pool(2)) {
                assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), p.map((Integer x) -> x * x, List.of(0, 1, 2, 3, 4, 5, 6, 7), 3));
                assertEquals(List.of(), p.map((Integer x) -> x, List.of()));
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-03", "map with chunksize 0", "ValueError (chunksize must be positive)", "IllegalArgumentException", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                assertThrows(IllegalArgumentException.class, () -> p.map((Integer x) -> x, List.of(1), 0));
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-04", "a task that raises", "apply() re-raises the task's exception", "RemoteException whose cause is the task's", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                var e = assertThrows(RemoteException.class, () -> p.apply(() -> {
                    throw new IllegalStateException("task-PL04");
                }));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertEquals("task-PL04", e.getCause().getMessage());
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-05", "work after close()", "ValueError: Pool not running", "RejectedExecutionException", env -> {
            ProcessPool p = env.mp().pool(1);
            p.shutdown();
            assertThrows(RejectedExecutionException.class, () -> p.apply(() -> 1));
            assertThrows(RejectedExecutionException.class, () -> p.map((Integer x) -> x, List.of(1)));
            p.join();
            return null;
        });
        c.needing(Feature.POOL, "PL-06", "join() before close()", "ValueError: Pool is still running", "IllegalStateException", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                assertThrows(IllegalStateException.class, p::join);
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-07", "AsyncResult.get(timeout) too early", "multiprocessing.TimeoutError", "ResultTimeoutException", env -> {
            SharedEvent go = env.mp().event();
            try (ProcessPool p = env.mp().pool(1)) {
                AsyncResult<Integer> r = p.applyAsync(() -> {
                    go.await(T);
                    return 7;
                });
                assertThrows(ResultTimeoutException.class, () -> r.get(SHORT));
                assertFalse(r.ready());
                assertThrows(IllegalStateException.class, r::successful);
                go.set();
                assertEquals(7, r.get(T));
                assertTrue(r.successful());
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-08", "error_callback", "called with the exception", "the same, in this process", env -> {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            try (ProcessPool p = env.mp().pool(1)) {
                AsyncResult<Object> r = p.applyAsync(() -> {
                    throw new ArithmeticException("PL08");
                }, null, seen::set);
                assertThrows(RemoteException.class, () -> r.get(T));
                assertFalse(r.successful());
            }
            assertTrue(seen.get() != null && seen.get().toString().contains("PL08"), String.valueOf(seen.get()));
            return null;
        });
        c.needing(Feature.POOL, "PL-09", "Future.get of a failed task", "(concurrent.futures)", "ExecutionException with the task's exception", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                io.multiprocessing4j.SerializableCallable<Object> task = () -> {
                    throw new IllegalArgumentException("PL09");
                };
                var f = p.submit(task);
                var e = assertThrows(ExecutionException.class, f::get);
                assertTrue(String.valueOf(e.getCause()).contains("PL09"), String.valueOf(e.getCause()));
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-10", "imap is lazy and ordered", "results in order as they come", "the same", env -> {
            try (ProcessPool p = env.mp().pool(2)) {
                var it = p.imap((Integer x) -> x + 1, List.of(1, 2, 3));
                assertEquals(List.of(2, 3, 4), List.of(it.next(), it.next(), it.next()));
                assertFalse(it.hasNext());
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-11", "terminate() then join()", "workers stop at once", "join returns; isShutdown", env -> {
            ProcessPool p = env.mp().pool(2);
            p.applyAsync(() -> {
                Thread.sleep(60_000);
                return 0;
            });
            p.terminate();
            assertTrue(p.join(T));
            assertTrue(p.isShutdown());
            return null;
        });
        c.needing(Feature.POOL, "PL-12", "initializer", "runs in each worker before its tasks", "the same", env -> {
            PoolOptions o = PoolOptions.builder().processes(1).initializer(() -> System.setProperty("mp4j.pl12", "init")).build();
            try (ProcessPool p = env.mp().pool(o)) {
                assertEquals("init", p.apply(() -> System.getProperty("mp4j.pl12")));
            } finally {
                System.clearProperty("mp4j.pl12");
            }
            return null;
        });
        c.deliberate("PL-13", "a worker that dies", "the pool hangs forever (bpo-22393)", "WorkerLostException; the pool goes on", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                AsyncResult<Object> r = p.applyAsync(() -> {
                    Multiprocessing.exit(3);
                    return null;
                });
                assertThrows(WorkerLostException.class, () -> r.get(T));
                assertEquals(5, (int) p.apply(() -> 5));
            } catch (UnsupportedOperationException e) {
                throw new org.opentest4j.TestAbortedException("pool not available: " + e.getMessage());
            }
            return null;
        });
        c.deliberate("PL-14", "a callback that throws", "the pool's result thread dies; get() hangs", "CallbackException from get(); delivery goes on", env -> {
            try (ProcessPool p = env.mp().pool(1)) {
                AsyncResult<Integer> r = p.applyAsync(() -> 1, x -> {
                    throw new IllegalStateException("callback PL14");
                }, null);
                assertThrows(CallbackException.class, () -> r.get(T));
                assertEquals(2, (int) p.apply(() -> 2));
            } catch (UnsupportedOperationException e) {
                throw new org.opentest4j.TestAbortedException("pool not available: " + e.getMessage());
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-15", "processes() and workers()", "Pool(n) has n workers", "the same; workers() names and pids", env -> {
            try (ProcessPool p = env.mp().pool(3)) {
                assertEquals(3, p.processes());
                assertTrue(p.workers().size() <= 3);
            }
            return null;
        });
        c.needing(Feature.POOL, "PL-16", "starmap", "f(*args) per tuple", "entries unpacked as two arguments", env -> {
            try (ProcessPool p = env.mp().pool(2)) {
                assertEquals(List.of(3, 7), p.starmap((Integer a, Integer b) -> a + b, List.of(java.util.Map.entry(1, 2), java.util.Map.entry(3, 4))));
            }
            return null;
        });
        return c.checks();
    }
}
