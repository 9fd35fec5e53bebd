package io.multiprocessing4j.tck.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.ManagerUnavailableException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Namespace;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.spi.ProcessScope;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Manager} on one backend: every proxy type, used here and from child
 * processes, proxies passed on through two levels of children, a gone manager failing calls at
 * once, and registered user types. A backend's test extends it and names the backend.
 */
public abstract class ManagerContract {
    /** The longest any single step of these tests may take. */
    protected static final Duration LIMIT = Duration.ofSeconds(60);

    /** The open context. */
    protected Context mp;
    /** The manager under test. */
    protected Manager manager;

    /** @return the backend under test, as {@link Multiprocessing#context(String)} takes it */
    protected abstract String backendName();

    @BeforeEach
    void start() {
        mp = Multiprocessing.context(backendName());
        manager = mp.manager();
    }

    @AfterEach
    void stop() {
        manager.shutdown();
        mp.close();
    }

    private void runChild(ChildProcess p) {
        p.start();
        assertTrue(p.join(LIMIT), "child did not end in time");
        assertEquals(0, p.exitCode(), "child failed");
    }

    @Test
    void dictBehavesAsAConcurrentMapOfCopies() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ConcurrentMap<String, List<Integer>> d = manager.dict();
            assertNull(d.put("a", new ArrayList<>(List.of(1))));
            d.get("a").add(2); // a copy, as in Python
            assertEquals(List.of(1), d.get("a"));
            assertEquals(List.of(1), d.putIfAbsent("a", List.of(9)));
            assertNull(d.putIfAbsent("b", List.of(2)));
            assertTrue(d.replace("b", List.of(2), List.of(3)));
            assertEquals(List.of(3), d.get("b"));
            assertEquals(List.of(7), d.merge("c", List.of(7), (x, y) -> y));
            assertEquals(3, d.size());
            assertEquals(Map.of("a", List.of(1), "b", List.of(3), "c", List.of(7)), Map.copyOf(d));
            assertThrows(NullPointerException.class, () -> d.put(null, List.of()));
            assertThrows(NullPointerException.class, () -> d.put("x", null));
            assertThrows(NullPointerException.class, () -> d.get(null));
            d.entrySet().removeIf(e -> e.getKey().equals("c"));
            assertFalse(d.containsKey("c"));
            d.keySet().remove("b");
            assertEquals(Map.of("a", List.of(1)), Map.copyOf(d));
            d.clear();
            assertTrue(d.isEmpty());
        });
    }

    @Test
    void listBehavesAsAListWithStandardExceptions() {
        assertTimeoutPreemptively(LIMIT, () -> {
            List<Integer> l = manager.list();
            l.addAll(List.of(5, 3, 1));
            l.add(0, 9);
            assertEquals(List.of(9, 5, 3, 1), l);
            assertEquals(l, List.of(9, 5, 3, 1));
            l.sort(null);
            assertEquals(List.of(1, 3, 5, 9), new ArrayList<>(l));
            assertEquals(5, l.set(2, 6));
            assertEquals(List.of(3, 6), l.subList(1, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> l.get(99));
            l.removeIf(x -> x > 5);
            assertEquals(List.of(1, 3), l);
            assertTrue(l.contains(3));
            assertEquals(1, l.indexOf(3));
            assertEquals(Integer.valueOf(1), l.remove(0));
            assertEquals("[3]", l.toString());
            l.add(null);
            assertEquals(2, l.size());
        });
    }

    /** Every proxy type, as the child sees them. */
    public record AllProxies(ConcurrentMap<String, Integer> dict, List<String> list, Namespace ns, SharedLock lock,
            SharedRLock rlock, SharedSemaphore sem, SharedSemaphore bounded, SharedCondition cond, SharedEvent event,
            SharedBarrier barrier, SharedQueue<String> queue, SharedValue value, SharedArray array)
            implements Serializable {
    }

    private static void useEverything(AllProxies p) {
        p.dict().put("child", 1);
        p.list().add("child");
        p.ns().set("x", 42);
        p.lock().acquire();
        p.lock().release();
        p.rlock().acquire();
        p.rlock().acquire();
        if (p.rlock().holdCount() != 2) {
            throw new AssertionError("hold count " + p.rlock().holdCount());
        }
        p.rlock().release();
        p.rlock().release();
        p.sem().acquire();
        try {
            p.bounded().release();
            p.queue().put("bounded release allowed");
        } catch (IllegalStateException e) {
            p.queue().put("bounded refused");
        }
        p.value().addAndGet(5);
        p.array().setInt(1, 7);
        p.event().set();
        try (var held = p.cond().lock().held()) {
            p.ns().set("ready", true);
            p.cond().signalAll();
        }
        p.queue().put("index " + p.barrier().await(LIMIT));
    }

    @Test
    void everyProxyTypeWorksFromAChildProcess() {
        assertTimeoutPreemptively(LIMIT, () -> {
            AllProxies p = new AllProxies(manager.dict(), manager.list(), manager.namespace(), manager.lock(),
                    manager.rlock(), manager.semaphore(1), manager.boundedSemaphore(1), manager.condition(),
                    manager.event(), manager.barrier(2), manager.queue(), manager.value('i', 10),
                    manager.array('i', 3));
            ChildProcess child = mp.process(ManagerContract::useEverything, p).start();
            try (var held = p.cond().lock().held()) {
                assertTrue(p.cond().waitFor(() -> p.ns().has("ready"), LIMIT));
            }
            assertTrue(p.event().await(LIMIT));
            int mine = p.barrier().await(LIMIT);
            assertTrue(child.join(LIMIT));
            assertEquals(0, child.exitCode());
            assertEquals("bounded refused", p.queue().get(LIMIT));
            String theirs = p.queue().get(LIMIT);
            assertEquals(Collections.singleton("index " + (1 - mine)), Collections.singleton(theirs));
            assertEquals(Map.of("child", 1), Map.copyOf(p.dict()));
            assertEquals(List.of("child"), List.copyOf(p.list()));
            assertEquals(42, (int) p.ns().get("x"));
            assertEquals(java.util.Set.of("ready", "x"), p.ns().names());
            assertFalse(p.lock().isLocked());
            assertEquals(0, p.sem().value());
            assertEquals(1, p.bounded().value());
            assertEquals(15, p.value().getInt());
            assertEquals(7, p.array().getInt(1));
            assertTrue(p.event().isSet());
        });
    }

    private static void releaseForeign(SharedRLock rlock, SharedQueue<String> out) {
        try {
            rlock.release();
            out.put("released");
        } catch (IllegalMonitorStateException e) {
            out.put("refused");
        }
        out.put(rlock.acquire(Duration.ofMillis(100)) ? "acquired" : "busy");
    }

    @Test
    void rlockOwnerIsTheProcessAndThread() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SharedRLock rlock = manager.rlock();
            SharedQueue<String> out = manager.queue();
            rlock.acquire();
            assertTrue(rlock.isHeldByCurrentThread());
            runChild(mp.process(ManagerContract::releaseForeign, rlock, out));
            assertEquals("refused", out.get(LIMIT));
            assertEquals("busy", out.get(LIMIT));
            rlock.release();
            assertThrows(IllegalMonitorStateException.class, rlock::release);
        });
    }

    private static void blockOnLock(SharedLock lock, SharedEvent started) {
        started.set();
        lock.acquire();
    }

    @Test
    void aDeadClientsPendingAcquireDoesNotTakeTheLock() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SharedLock lock = manager.lock();
            SharedEvent started = manager.event();
            lock.acquire();
            ChildProcess child = mp.process(ManagerContract::blockOnLock, lock, started).start();
            assertTrue(started.await(LIMIT));
            child.terminate();
            assertTrue(child.join(LIMIT));
            lock.release();
            assertTrue(lock.acquire(Duration.ofSeconds(20)), "the lock went to a process that is gone");
        });
    }

    private static void grandchild(List<String> list) {
        list.add(Multiprocessing.currentProcess().name());
    }

    private static void child(List<String> list) {
        list.add(Multiprocessing.currentProcess().name());
        ChildProcess g = ProcessScope.current().context().process(ManagerContract::grandchild, list).start();
        g.join();
        if (g.exitCode() != 0) {
            throw new AssertionError("grandchild failed: " + g.exitCode());
        }
    }

    @Test
    void proxiesTravelThroughTwoLevelsOfChildren() {
        assertTimeoutPreemptively(LIMIT, () -> {
            List<String> list = manager.list();
            runChild(mp.process(ManagerContract::child, list));
            assertEquals(2, list.size(), list.toString());
            assertTrue(list.get(1).startsWith(list.get(0) + ":"), list.toString());
        });
    }

    private static void fill(int i, Map.Entry<ConcurrentMap<Integer, Integer>, List<Integer>> shared) {
        shared.getKey().put(i, i * i);
        shared.getValue().add(i);
    }

    @Test
    void tenProcessesFillADictAndAList() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ConcurrentMap<Integer, Integer> d = manager.dict();
            List<Integer> l = manager.list();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                children.add(mp.process(ManagerContract::fill, i, new java.util.AbstractMap.SimpleImmutableEntry<>(d, l)).start());
            }
            for (ChildProcess c : children) {
                assertTrue(c.join(LIMIT));
                assertEquals(0, c.exitCode());
            }
            assertEquals(10, d.size());
            IntStream.range(0, 10).forEach(i -> assertEquals(i * i, d.get(i)));
            List<Integer> sorted = new ArrayList<>(l);
            Collections.sort(sorted);
            assertEquals(IntStream.range(0, 10).boxed().toList(), sorted);
        });
    }

    private static void callAfterShutdown(List<Integer> list, SharedQueue<String> out) {
        try {
            list.add(1);
            out.put("worked");
        } catch (ManagerUnavailableException e) {
            out.put("unavailable");
        }
    }

    @Test
    void goneManagerFailsCallsAtOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            List<Integer> list = manager.list();
            SharedEvent event = manager.event();
            list.add(1);
            manager.shutdown();
            manager.shutdown();
            manager.close();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThrows(ManagerUnavailableException.class, () -> list.add(2));
                assertThrows(ManagerUnavailableException.class, event::await);
                assertThrows(ManagerUnavailableException.class, manager::dict);
            });
            SharedQueue<String> out = mp.queue();
            runChild(mp.process(ManagerContract::callAfterShutdown, list, out));
            assertEquals("unavailable", out.get(LIMIT));
        });
    }

    @Test
    void killedManagerFailsCallsAtOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            if (!mp.has(Capability.DISTINCT_PIDS) || !mp.has(Capability.FORCED_TERMINATION)) {
                return; // only a separate process can be killed from outside
            }
            SharedQueue<String> q = manager.queue();
            q.put("x");
            ProcessHandle.of(manager.process().pid()).orElseThrow().destroyForcibly();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThrows(ManagerUnavailableException.class, () -> q.get(LIMIT));
            });
        });
    }

    @Test
    void serverObjectsRaiseTheStandardExceptions() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Namespace ns = manager.namespace();
            assertThrows(NoSuchElementException.class, () -> ns.get("missing"));
            assertThrows(NoSuchElementException.class, () -> ns.delete("missing"));
            SharedLock lock = manager.lock();
            assertThrows(IllegalStateException.class, lock::release);
            assertTrue(lock.tryLock());
            assertFalse(lock.acquire(Duration.ofMillis(20)));
            lock.unlock();
            SharedQueue<String> q = manager.queue(1);
            assertThrows(QueueEmptyException.class, q::getNowait);
            assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
            q.put("a");
            assertTrue(q.full());
            assertThrows(io.multiprocessing4j.QueueFullException.class, () -> q.putNowait("b"));
            assertThrows(NullPointerException.class, () -> q.put(null));
            List<String> drained = new ArrayList<>();
            assertEquals(1, q.drainTo(drained));
            assertEquals(List.of("a"), drained);
            q.close();
            assertThrows(IllegalStateException.class, () -> q.put("c"));
            q.joinThread();
            SharedSemaphore bounded = manager.boundedSemaphore(1);
            assertThrows(IllegalStateException.class, bounded::release);
            assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
            SharedValue v = manager.value('b', 1);
            assertThrows(IllegalArgumentException.class, () -> v.set(1000));
            assertThrows(IllegalArgumentException.class, () -> manager.value('b', 1000));
            SharedArray a = manager.array('i', 2);
            assertThrows(IndexOutOfBoundsException.class, () -> a.get(2));
            assertThrows(UnsupportedOperationException.class, a::segment);
            SharedBarrier b = manager.barrier(2);
            assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ofMillis(20)));
            assertTrue(b.isBroken());
            b.reset();
            assertFalse(b.isBroken());
            SharedCondition cond = manager.condition();
            assertThrows(IllegalMonitorStateException.class, cond::signal);
            assertThrows(IllegalMonitorStateException.class, () -> cond.await(Duration.ofMillis(10)));
            try (var held = cond.lock().held()) {
                assertFalse(cond.await(Duration.ofMillis(10)));
                assertTrue(((SharedRLock) cond.lock()).isHeldByCurrentThread());
            }
            SharedValue counter = manager.value('q', 5);
            assertTrue(counter.compareAndSet(5, 6));
            assertFalse(counter.compareAndSet(5, 7));
            assertEquals(6L, counter.get());
            SharedArray chars = manager.array('c', 8);
            chars.value("hello".getBytes());
            assertEquals("hello", new String(chars.value()));
            assertEquals(8, chars.raw().length);
            SharedQueue<Integer> items = manager.queue();
            items.addAll(List.of(1, 2, 3));
            List<Integer> seen = new ArrayList<>();
            items.forEach(seen::add);
            assertEquals(List.of(1, 2, 3), seen);
            assertEquals(3, items.qsize());
            assertEquals(Integer.valueOf(1), items.poll());
            SharedEvent e = manager.event();
            assertFalse(e.await(Duration.ofMillis(10)));
            assertEquals(e, e);
            assertNotEquals(e, manager.event());
        });
    }

    @Test
    void aBlockedCallDoesNotBlockOthers() {
        assertTimeoutPreemptively(LIMIT, () -> {
            SharedQueue<String> q = manager.queue();
            SharedQueue<String> results = mp.queue();
            ChildProcess waiter = mp.process(ManagerContract::forward, q, results).start();
            ConcurrentMap<String, Integer> d = manager.dict();
            for (int i = 0; i < 20; i++) {
                d.put("k" + i, i);
            }
            assertEquals(20, d.size());
            q.put("wake");
            assertEquals("wake", results.get(LIMIT));
            assertTrue(waiter.join(LIMIT));
        });
    }

    private static void forward(SharedQueue<String> from, SharedQueue<String> to) {
        to.put(from.get(LIMIT));
    }

    /** A user type for {@link Manager#register}. */
    public interface Counter {
        /** @return the new count */
        int increment();

        /** @return the count */
        int count();

        /** Always throws. */
        void fail();
    }

    /** The server-side counter. */
    public static final class CounterImpl implements Counter {
        private int n;

        @Override
        public synchronized int increment() {
            return ++n;
        }

        @Override
        public synchronized int count() {
            return n;
        }

        @Override
        public void fail() {
            throw new IllegalStateException("counter failed on purpose");
        }
    }

    private static void incrementTwice(Counter c) {
        c.increment();
        c.increment();
    }

    @Test
    void registeredUserTypesAreServedThroughProxies() {
        assertTimeoutPreemptively(LIMIT, () -> {
            assertThrows(IllegalArgumentException.class, () -> manager.create(Counter.class));
            manager.register(Counter.class, CounterImpl::new);
            assertThrows(IllegalArgumentException.class, () -> manager.register(Counter.class, CounterImpl::new));
            assertThrows(IllegalArgumentException.class, () -> manager.register(CounterImpl.class, CounterImpl::new));
            Object notSerializable = new Object();
            assertThrows(SerializationException.class, () -> manager.register(Runnable.class, () -> {
                notSerializable.hashCode();
                return () -> { };
            }));
            Counter c = manager.create(Counter.class);
            assertEquals(1, c.increment());
            runChild(mp.process(ManagerContract::incrementTwice, c));
            assertEquals(3, c.count());
            RemoteException e = assertThrows(RemoteException.class, c::fail);
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.remoteStackTrace().contains("counter failed on purpose"));
            assertNotEquals(c, manager.create(Counter.class));
        });
    }

    @Test
    void valuesKeepTheirTypeAndContentBothWays() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ConcurrentMap<Object, Object> d = manager.dict();
            List<Object> values = List.of(7, -7L, Long.MIN_VALUE, true, false, -0.0, Double.NaN, 1.5, "",
                    "caf\u00e9 \u20ac \ud83d\ude00", List.of(1, "x"), 'c', (short) 3,
                    new java.math.BigInteger("12345678901234567890"));
            for (int i = 0; i < values.size(); i++) {
                assertNull(d.put("k" + i, values.get(i)));
                d.put(values.get(i), i);
            }
            for (int i = 0; i < values.size(); i++) {
                Object back = d.get("k" + i);
                assertEquals(values.get(i), back);
                assertEquals(values.get(i).getClass(), back.getClass());
                assertEquals(i, d.get(values.get(i)));
            }
            assertFalse(d.containsKey(7L)); // 7 went as an Integer, and stays one
            assertTrue(d.containsKey(7));
            assertNull(d.get("absent"));
            assertEquals(2 * values.size(), d.size());
        });
    }

    @Test
    void shutDownManagerLeavesNoServingThreadsHere() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ConcurrentMap<String, Integer> d = manager.dict();
            d.put("a", 1);
            assertEquals(1, d.get("a"));
            // Where the server runs in this JVM (threads backend) its threads are here; elsewhere none are.
            List<Thread> serving = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("mp4j-manager")).toList();
            manager.shutdown();
            for (Thread t : serving) {
                t.join(LIMIT);
                assertFalse(t.isAlive(), t + " outlived its manager");
            }
        });
    }

    @Test
    void managerProcessIsVisible() {
        assertTrue(manager.process().name().startsWith("SyncManager-"), manager.process().name());
        assertTrue(manager.process().daemon());
    }
}
