package io.multiprocessing4j.tck.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.CallbackException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.ResultTimeoutException;
import io.multiprocessing4j.SerializableCallable;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.WorkerLostException;
import io.multiprocessing4j.spi.pool.GenericPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ProcessPool} on one backend: every method's results and ordering,
 * callbacks, failures, lifecycle and the {@code ExecutorService} contract. A backend's test
 * extends it and names the backend.
 */
public abstract class PoolContract {
    /** The longest any single step of these tests may take. */
    protected static final Duration LIMIT = Duration.ofSeconds(60);

    /** The open context. */
    protected Context mp;

    /** @return the backend under test, as {@link Multiprocessing#context(String)} takes it */
    protected abstract String backendName();

    @BeforeEach
    void openContext() {
        mp = Multiprocessing.context(backendName());
    }

    @AfterEach
    void closeContext() {
        mp.close();
    }

    private ProcessPool pool(int n) {
        return mp.pool(n);
    }

    private static int square(int x) {
        return x * x;
    }

    @Test
    void mapKeepsOrderWithDefaultAndExplicitChunksizes() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                List<Integer> in = IntStream.range(0, 37).boxed().toList();
                List<Integer> expected = in.stream().map(x -> x * x).toList();
                assertEquals(expected, p.map(PoolContract::square, in));
                assertEquals(expected, p.map(PoolContract::square, in, 5));
                assertEquals(expected, p.map(PoolContract::square, in, 100));
                assertEquals(List.of(), p.map(PoolContract::square, List.<Integer>of()));
                assertThrows(IllegalArgumentException.class, () -> p.map(PoolContract::square, in, 0));
            }
        });
    }

    @Test
    void defaultChunksizeIsPythons() {
        assertEquals(0, GenericPool.defaultChunksize(0, 4));
        assertEquals(1, GenericPool.defaultChunksize(1, 4));
        assertEquals(1, GenericPool.defaultChunksize(16, 4));
        assertEquals(2, GenericPool.defaultChunksize(17, 4));
        assertEquals(7, GenericPool.defaultChunksize(100, 4));
        assertEquals(25, GenericPool.defaultChunksize(100, 1));
    }

    @Test
    void mapFailsWithTheFirstFailureInOrder() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                RemoteException e = assertThrows(RemoteException.class, () -> p.map((Integer x) -> {
                    if (x == 3 || x == 7) {
                        throw new IllegalArgumentException("bad " + x);
                    }
                    return x;
                }, IntStream.range(0, 10).boxed().toList(), 1));
                assertInstanceOf(IllegalArgumentException.class, e.getCause());
                assertEquals("bad 3", e.getCause().getMessage());
                assertEquals(IllegalArgumentException.class.getName(), e.remoteClassName());
                assertTrue(e.remoteStackTrace().contains("bad 3"), e.remoteStackTrace());
            }
        });
    }

    @Test
    void mapAsyncRunsCallbacksInTheParentOnTheResultThread() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                List<String> where = new CopyOnWriteArrayList<>();
                AsyncResult<List<Integer>> r = p.mapAsync(PoolContract::square, List.of(1, 2, 3), 0,
                        list -> where.add(Thread.currentThread().getName() + "|" + Multiprocessing.currentProcess().name()
                                + "|" + list), null);
                assertEquals(List.of(1, 4, 9), r.get(LIMIT));
                assertTrue(r.ready());
                assertTrue(r.successful());
                assertEquals(1, where.size());
                String[] parts = where.get(0).split("\\|");
                assertNotEquals(Thread.currentThread().getName(), parts[0]);
                assertEquals(Multiprocessing.currentProcess().name(), parts[1]);
                assertEquals("[1, 4, 9]", parts[2]);
                assertEquals(List.of(4), p.mapAsync(PoolContract::square, List.of(2)).get());
            }
        });
    }

    @Test
    void throwingCallbackIsReportedAndDeliveryGoesOn() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                AsyncResult<Integer> bad = p.applyAsync(() -> 1, v -> {
                    throw new IllegalStateException("callback broke");
                }, null);
                CallbackException e = assertThrows(CallbackException.class, () -> bad.get(LIMIT));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                List<Throwable> errors = new CopyOnWriteArrayList<>();
                AsyncResult<Integer> failing = p.applyAsync(() -> {
                    throw new ArithmeticException("boom");
                }, null, errors::add);
                RemoteException re = assertThrows(RemoteException.class, () -> failing.get(LIMIT));
                assertInstanceOf(ArithmeticException.class, re.getCause());
                assertFalse(failing.successful());
                assertEquals(1, errors.size());
                assertInstanceOf(RemoteException.class, errors.get(0));
                AsyncResult<Integer> badError = p.applyAsync(() -> {
                    throw new ArithmeticException("boom");
                }, null, t -> {
                    throw new IllegalStateException("error callback broke");
                });
                assertThrows(CallbackException.class, () -> badError.get(LIMIT));
                assertEquals(42, p.apply(() -> 42));
            }
        });
    }

    @Test
    void applyOverloadsAndAsyncResult() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                assertEquals("x", p.apply(() -> "x"));
                assertEquals(9, (int) p.apply(PoolContract::square, 3));
                assertEquals(7, (int) p.apply((Integer a, Integer b) -> a + b, 3, 4));
                assertEquals(16, (int) p.applyAsync(PoolContract::square, 4).get());
                assertEquals("ab", p.applyAsync((String a, String b) -> a + b, "a", "b").get(LIMIT));
                assertEquals(5, p.applyAsync(() -> 5).toCompletableFuture().get(60, TimeUnit.SECONDS));
                SharedEvent gate = mp.event();
                AsyncResult<Integer> blocked = p.applyAsync(() -> {
                    gate.await(LIMIT);
                    return 1;
                });
                assertFalse(blocked.ready());
                assertThrows(IllegalStateException.class, blocked::successful);
                assertThrows(ResultTimeoutException.class, () -> blocked.get(Duration.ofMillis(50)));
                assertFalse(blocked.await(Duration.ofMillis(10)));
                assertThrows(IllegalArgumentException.class, () -> blocked.get(Duration.ofSeconds(-1)));
                gate.set();
                blocked.await();
                assertTrue(blocked.await(Duration.ZERO));
                assertEquals(1, blocked.get());
                assertThrows(NullPointerException.class, () -> p.apply((SerializableCallable<Object>) null));
            }
        });
    }

    @Test
    void starmapUnpacksPairsInOrder() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                List<Map.Entry<Integer, String>> pairs = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    pairs.add(Map.entry(i, "v"));
                }
                List<String> out = p.starmap((Integer a, String b) -> b + a, pairs);
                assertEquals(IntStream.range(0, 20).mapToObj(i -> "v" + i).toList(), out);
            }
        });
    }

    @Test
    void imapIsOrderedAndImapUnorderedYieldsEverything() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(3)) {
                List<Integer> in = IntStream.range(0, 30).boxed().toList();
                List<Integer> ordered = new ArrayList<>();
                p.<Integer, Integer>imap(PoolContract::square, in).forEachRemaining(ordered::add);
                assertEquals(in.stream().map(x -> x * x).toList(), ordered);
                List<Integer> chunked = new ArrayList<>();
                p.<Integer, Integer>imap(PoolContract::square, in, 4).forEachRemaining(chunked::add);
                assertEquals(ordered, chunked);
                List<Integer> unordered = new ArrayList<>();
                p.<Integer, Integer>imapUnordered(PoolContract::square, in).forEachRemaining(unordered::add);
                Collections.sort(unordered);
                assertEquals(ordered, unordered);
                Iterator<Integer> failing = p.imap((Integer x) -> {
                    if (x == 1) {
                        throw new IllegalArgumentException("one");
                    }
                    return x;
                }, List.of(0, 1, 2));
                assertEquals(0, failing.next());
                assertThrows(RemoteException.class, failing::next);
                assertEquals(2, failing.next());
                assertFalse(failing.hasNext());
                assertThrows(IllegalArgumentException.class, () -> p.imap(PoolContract::square, in, 0));
            }
        });
    }

    @Test
    void imapOverAnEndlessInputKeepsFewItemsInFlight() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                AtomicInteger pulled = new AtomicInteger();
                Iterable<Integer> endless = () -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Integer next() {
                        return pulled.getAndIncrement();
                    }
                };
                Iterator<Integer> it = p.imap(PoolContract::square, endless);
                for (int i = 0; i < 50; i++) {
                    assertEquals(i * i, it.next());
                }
                assertTrue(pulled.get() <= 50 + 16, "pulled " + pulled.get() + " items for 50 results");
                p.terminate();
            }
        });
    }

    @Test
    void imapStopsReadingInputAtShutdownAndSaysSo() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(1);
            Iterator<Integer> it = p.imap(PoolContract::square, IntStream.range(0, 1000).boxed().toList());
            assertEquals(0, it.next());
            p.shutdown();
            int delivered = 1;
            RejectedExecutionException e = null;
            try {
                while (it.hasNext()) {
                    assertEquals(delivered * delivered, it.next());
                    delivered++;
                }
            } catch (RejectedExecutionException stopped) {
                e = stopped;
            }
            assertNotNull(e, "hasNext() must say that the input was not consumed");
            assertTrue(delivered < 1000, "delivered " + delivered);
            assertTrue(p.join(LIMIT));
        });
    }

    @Test
    void afterShutdownWorkIsRejectedAndJoinNeedsShutdown() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(2);
            assertThrows(IllegalStateException.class, p::join);
            assertThrows(IllegalStateException.class, () -> p.join(Duration.ofSeconds(1)));
            AsyncResult<Integer> queued = p.applyAsync(() -> 3);
            p.shutdown();
            assertTrue(p.isShutdown());
            assertThrows(RejectedExecutionException.class, () -> p.apply(() -> 1));
            assertThrows(RejectedExecutionException.class, () -> p.map(PoolContract::square, List.of(1)));
            assertThrows(RejectedExecutionException.class, () -> p.submit(() -> 1));
            assertThrows(RejectedExecutionException.class, () -> p.imap(PoolContract::square, List.of(1)));
            assertEquals(3, queued.get(LIMIT));
            assertTrue(p.join(LIMIT));
            assertTrue(p.isTerminated());
            assertTrue(p.workers().isEmpty());
            p.join();
        });
    }

    @Test
    void terminateStopsRunningWorkAtOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(1);
            SharedEvent started = mp.event();
            SharedEvent never = mp.event();
            AsyncResult<Boolean> running = p.applyAsync(() -> {
                started.set();
                return never.await(Duration.ofMinutes(10));
            });
            AsyncResult<Integer> queued = p.applyAsync(() -> 1);
            assertTrue(started.await(LIMIT));
            p.terminate();
            assertThrows(CancellationException.class, () -> running.get(LIMIT));
            assertThrows(CancellationException.class, () -> queued.get(LIMIT));
            assertTrue(p.join(LIMIT));
            assertTrue(p.isTerminated());
            assertThrows(RejectedExecutionException.class, () -> p.apply(() -> 1));
        });
    }

    @Test
    void maxTasksPerChildReplacesWorkers() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = mp.pool(PoolOptions.builder().processes(1).maxTasksPerChild(2).build())) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    names.add(p.apply(() -> Multiprocessing.currentProcess().name()));
                }
                assertEquals(names.get(0), names.get(1));
                assertEquals(names.get(2), names.get(3));
                assertEquals(names.get(4), names.get(5));
                assertEquals(3, new HashSet<>(names).size(), names.toString());
                assertTrue(names.get(0).startsWith("SpawnPoolWorker-"), names.get(0));
            }
        });
    }

    private static void record(SharedQueue<String> q) {
        q.put(Multiprocessing.currentProcess().name());
    }

    @Test
    void initializerRunsOncePerWorkerBeforeTasks() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SharedQueue<String> inits = mp.queue();
            try (ProcessPool p = mp.pool(PoolOptions.builder().processes(2)
                    .initializer(PoolContract::record, inits).build())) {
                List<ProcessInfo> workers = p.workers();
                assertEquals(2, workers.size());
                Set<String> workerNames = new HashSet<>();
                workers.forEach(w -> workerNames.add(w.name()));
                Set<String> initialized = new HashSet<>(List.of(inits.get(LIMIT), inits.get(LIMIT)));
                assertEquals(workerNames, initialized);
                assertEquals(List.of(1, 4), p.map(PoolContract::square, List.of(1, 2)));
                assertTrue(inits.empty());
            }
        });
    }

    @Test
    void failingInitializerFailsWorkInsteadOfHanging() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = mp.pool(PoolOptions.builder().processes(2).initializer(() -> {
                throw new IllegalStateException("no database");
            }).build());
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> p.applyAsync(() -> 1).get(LIMIT));
                Throwable reason = e instanceof RejectedExecutionException ? e.getCause() : e;
                assertInstanceOf(RemoteException.class, reason, String.valueOf(e));
                assertTrue(reason.getMessage().contains("initializer"), reason.getMessage());
                assertInstanceOf(IllegalStateException.class, reason.getCause());
                assertThrows(RejectedExecutionException.class, () -> p.apply(() -> 1));
                assertTrue(p.join(LIMIT));
            } finally {
                p.terminate();
            }
        });
    }

    @Test
    void initializerThatEndsTheWorkerFailsWorkInsteadOfRespawningForever() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = mp.pool(PoolOptions.builder().processes(1).initializer(() -> Multiprocessing.exit(5)).build());
            try {
                RuntimeException e = assertThrows(RuntimeException.class, () -> p.applyAsync(() -> 1).get(LIMIT));
                Throwable reason = e instanceof RejectedExecutionException ? e.getCause() : e;
                assertTrue(reason.getMessage().contains("initializer") && reason.getMessage().contains("exit code 5"),
                        reason.getMessage());
                assertThrows(RejectedExecutionException.class, () -> p.apply(() -> 1));
                assertTrue(p.join(LIMIT));
            } finally {
                p.terminate();
            }
        });
    }

    @Test
    void workerThatDiesFailsItsTaskAndIsReplaced() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(2)) {
                WorkerLostException e = assertThrows(WorkerLostException.class, () -> p.apply(() -> {
                    Multiprocessing.exit(3);
                    return 0;
                }));
                assertEquals(3, e.exitCode());
                assertNotNull(e.worker());
                assertTrue(e.getMessage().contains(e.worker().name()), e.getMessage());
                assertTrue(e.getMessage().contains("task"), e.getMessage());
                // Both workers must be there again: two tasks meet at a two-party barrier.
                SharedBarrier both = mp.barrier(2);
                List<AsyncResult<Integer>> meet = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    meet.add(p.applyAsync(() -> both.await(LIMIT)));
                }
                Set<Integer> indexes = new HashSet<>();
                for (AsyncResult<Integer> r : meet) {
                    indexes.add(r.get(LIMIT));
                }
                assertEquals(Set.of(0, 1), indexes);
                assertEquals(2, p.workers().size());
                assertFalse(p.workers().stream().anyMatch(w -> w.name().equals(e.worker().name())));
            }
        });
    }

    @Test
    void taskQueuedBehindOneThatEndsItsWorkerStillRuns() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(1)) {
                // Both go to the one worker at once; the second must not die with it.
                AsyncResult<Integer> dies = p.applyAsync(() -> {
                    Multiprocessing.exit(3);
                    return 0;
                });
                AsyncResult<Integer> after = p.applyAsync(() -> 42);
                assertThrows(WorkerLostException.class, () -> dies.get(LIMIT));
                assertEquals(42, after.get(LIMIT));
            }
        });
    }

    @Test
    void killedWorkerFailsItsTaskAndIsReplaced() {
        assertTimeoutPreemptively(LIMIT, () -> {
            if (!mp.has(io.multiprocessing4j.Capability.DISTINCT_PIDS)) {
                return; // a worker is not an OS process here: workerThatDiesFailsItsTaskAndIsReplaced covers it
            }
            try (ProcessPool p = pool(1)) {
                SharedEvent started = mp.event();
                SharedEvent never = mp.event();
                AsyncResult<Boolean> running = p.applyAsync(() -> {
                    started.set();
                    return never.await(Duration.ofMinutes(10));
                });
                assertTrue(started.await(LIMIT));
                ProcessInfo worker = p.workers().get(0);
                ProcessHandle.of(worker.pid()).orElseThrow().destroyForcibly();
                WorkerLostException e = assertThrows(WorkerLostException.class, () -> running.get(LIMIT));
                assertEquals(worker, e.worker());
                assertEquals(7, p.apply(() -> 7));
            }
        });
    }

    @Test
    void executorServiceContract() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(2);
            Future<Integer> f = p.submit((Callable<Integer> & java.io.Serializable) () -> 6 * 7);
            assertEquals(42, f.get(60, TimeUnit.SECONDS));
            assertTrue(f.isDone());
            Future<?> r = p.submit((Runnable & java.io.Serializable) () -> { });
            assertEquals(null, r.get());
            Future<String> fixed = p.submit((Runnable & java.io.Serializable) () -> { }, "done");
            assertEquals("done", fixed.get());
            Future<Integer> failing = p.submit((Callable<Integer> & java.io.Serializable) () -> {
                throw new java.io.IOException("disk");
            });
            ExecutionException ee = assertThrows(ExecutionException.class, failing::get);
            assertInstanceOf(java.io.IOException.class, ee.getCause());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                tasks.add((Callable<Integer> & java.io.Serializable) () -> n * 10);
            }
            List<Integer> all = new ArrayList<>();
            for (Future<Integer> g : p.invokeAll(tasks)) {
                all.add(g.get());
            }
            assertEquals(List.of(0, 10, 20, 30, 40), all);
            for (Future<Integer> g : p.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                assertTrue(g.isDone());
            }
            List<Callable<Integer>> oneGood = List.of((Callable<Integer> & java.io.Serializable) () -> {
                throw new IllegalStateException("bad");
            }, (Callable<Integer> & java.io.Serializable) () -> 7);
            assertEquals(7, p.invokeAny(oneGood));
            assertEquals(7, p.invokeAny(oneGood, 60, TimeUnit.SECONDS));
            List<Callable<Integer>> allBad = List.of((Callable<Integer> & java.io.Serializable) () -> {
                throw new IllegalStateException("bad");
            });
            assertThrows(ExecutionException.class, () -> p.invokeAny(allBad));
            SharedQueue<String> ran = mp.queue();
            p.execute((Runnable & java.io.Serializable) () -> ran.put("ran"));
            assertEquals("ran", ran.get(LIMIT));
            assertFalse(p.awaitTermination(10, TimeUnit.MILLISECONDS));
            p.shutdown();
            assertThrows(RejectedExecutionException.class, () -> p.execute((Runnable & java.io.Serializable) () -> { }));
            assertTrue(p.awaitTermination(60, TimeUnit.SECONDS));
            assertTrue(p.isTerminated());
            assertEquals(2, p.processes());
            p.close();
        });
    }

    @Test
    void interruptedWaitThrowsProcessInterruptedException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(1)) {
                SharedEvent gate = mp.event();
                AsyncResult<Boolean> blocked = p.applyAsync(() -> gate.await(LIMIT));
                Thread.currentThread().interrupt();
                assertThrows(io.multiprocessing4j.ProcessInterruptedException.class, blocked::get);
                assertTrue(Thread.interrupted(), "the interrupt status is set again");
                gate.set();
                assertTrue(blocked.get(LIMIT));
            }
        });
    }

    @Test
    void workersAreDaemonChildrenNamedLikePythons() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ProcessPool p = pool(3)) {
                assertEquals(3, p.processes());
                List<ProcessInfo> workers = p.workers();
                assertEquals(3, workers.size());
                for (ProcessInfo w : workers) {
                    assertTrue(w.daemon(), w.toString());
                    assertTrue(w.name().matches("SpawnPoolWorker-[0-9]+"), w.name());
                }
                Set<String> ran = new HashSet<>(p.map((Integer i) -> Multiprocessing.currentProcess().name(),
                        IntStream.range(0, 3).boxed().toList(), 1));
                assertTrue(workers.stream().map(ProcessInfo::name).toList().containsAll(ran), ran.toString());
            }
        });
    }

    @Test
    void shutdownNowCancelsQueuedWork() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(1);
            SharedEvent started = mp.event();
            SharedEvent never = mp.event();
            Future<Boolean> running = p.submit((Callable<Boolean> & java.io.Serializable) () -> {
                started.set();
                return never.await(Duration.ofMinutes(10));
            });
            Future<Integer> queued = p.submit((Callable<Integer> & java.io.Serializable) () -> 1);
            assertTrue(started.await(LIMIT));
            assertNotNull(p.shutdownNow());
            assertThrows(CancellationException.class, () -> queued.get(60, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, () -> running.get(60, TimeUnit.SECONDS));
            assertTrue(p.awaitTermination(60, TimeUnit.SECONDS));
        });
    }

    @Test
    void closedPoolLeavesNoThreads() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessPool p = pool(2);
            // "ProcessPool[mp4j-pool-N, ...": its threads' names start with that name.
            String prefix = p.toString().substring("ProcessPool[".length(), p.toString().indexOf(',')) + "-";
            assertEquals(List.of(0, 1, 4, 9), p.map(PoolContract::square, List.of(0, 1, 2, 3), 1));
            assertEquals(5, p.applyAsync(() -> 5).get(LIMIT));
            List<Thread> mine = poolThreads(prefix);
            assertFalse(mine.isEmpty(), "no thread named " + prefix + "*: the check below would prove nothing");
            p.shutdown();
            assertTrue(p.join(LIMIT));
            for (Thread t : mine) {
                t.join(LIMIT);
                assertFalse(t.isAlive(), t + " outlived its pool");
            }
            assertEquals(List.of(), poolThreads(prefix));
        });
    }

    private static List<Thread> poolThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }
}
