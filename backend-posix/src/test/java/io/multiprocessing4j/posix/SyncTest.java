package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        mp.close();
    }

    @Test
    void semaphoreCountsAndBoundedRefusesOverRelease() throws Exception {
        SharedSemaphore s = mp.semaphore(2);
        assertTrue(s.tryAcquire());
        assertTrue(s.acquire(Duration.ZERO));
        assertFalse(s.acquire(Duration.ofMillis(50)));
        assertEquals(0, s.value());
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> s.acquire(BOUND));
        s.release();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        s.release();
        s.release();
        s.release(); // unbounded: beyond the initial value is fine
        assertEquals(3, s.value());
        assertFalse(s.bounded());

        SharedSemaphore b = mp.boundedSemaphore(1);
        assertTrue(b.bounded());
        assertThrows(IllegalStateException.class, b::release);
        b.acquire();
        b.release();
        assertThrows(IllegalStateException.class, b::release);
        assertEquals(1, b.value());
    }

    @Test
    void eventWakesEveryWaiter() throws Exception {
        SharedEvent e = mp.event();
        assertFalse(e.await(Duration.ofMillis(20)));
        CountDownLatch started = new CountDownLatch(3);
        List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(CompletableFuture.supplyAsync(() -> {
                started.countDown();
                return e.await(BOUND);
            }, r -> Thread.ofPlatform().start(r)));
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));
        e.set();
        for (CompletableFuture<Boolean> w : waiters) {
            assertTrue(w.get(30, TimeUnit.SECONDS));
        }
        assertTrue(e.isSet());
        e.clear();
        assertFalse(e.isSet());
    }

    @Test
    void conditionSignalWakesExactlyOneWaiter() throws Exception {
        SharedCondition c = mp.condition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                c.lock().acquire();
                try {
                    waiting.incrementAndGet();
                    if (c.await(Duration.ofSeconds(20))) {
                        woken.incrementAndGet();
                    }
                } finally {
                    c.lock().release();
                }
            }));
        }
        awaitCount(waiting, 3, c);
        c.lock().acquire();
        c.signal();
        c.lock().release();
        // The signalled waiter reports; the others stay asleep (one signal wakes one waiter).
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (woken.get() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, woken.get());
        c.lock().acquire();
        c.signalAll();
        c.lock().release();
        for (Thread t : threads) {
            assertTrue(t.join(BOUND));
        }
        assertEquals(3, woken.get());
    }

    /** Waits until {@code n} threads registered and released the lock in await (the lock is free then). */
    private static void awaitCount(AtomicInteger count, int n, SharedCondition c) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            if (count.get() == n && c.lock().acquire(Duration.ofMillis(10))) {
                c.lock().release();
                return; // the n-th waiter released the lock: it sleeps in await
            }
            assertTrue(System.nanoTime() < deadline, "waiters did not arrive");
        }
    }

    @Test
    void conditionNeedsItsLockAndTimesOut() {
        SharedLock lock = mp.lock();
        SharedCondition c = mp.condition(lock);
        assertThrows(IllegalMonitorStateException.class, c::signal);
        assertThrows(IllegalMonitorStateException.class, () -> c.await(Duration.ZERO));
        lock.acquire();
        assertFalse(c.await(Duration.ofMillis(30)));
        assertTrue(lock.isLocked(), "await reacquires the lock");
        assertTrue(c.waitFor(() -> true, Duration.ZERO));
        lock.release();
        assertThrows(IllegalArgumentException.class, () -> mp.condition(new io.multiprocessing4j.SharedLock() {
            public boolean isLocked() { return false; }
            public void acquire() { }
            public boolean acquire(Duration t) { return true; }
            public void release() { }
            public boolean ownerDied() { return false; }
            public SharedCondition newCondition() { return null; }
        }));
    }

    @Test
    void conditionWaitForAValueAcrossThreads() throws Exception {
        SharedValue v = mp.value('i', 0);
        SharedCondition c = mp.condition();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            c.lock().acquire();
            try {
                return c.waitFor(() -> v.getInt() == 5, BOUND);
            } finally {
                c.lock().release();
            }
        });
        for (int i = 0; i < 5; i++) {
            c.lock().acquire();
            v.addAndGet(1);
            c.signalAll();
            c.lock().release();
        }
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void barrierGivesDistinctIndexesAndRunsTheActionOnce() throws Exception {
        SharedValue actions = mp.value('i', 0);
        SharedBarrier b = mp.barrier(3, () -> actions.addAndGet(1), null);
        for (int round = 0; round < 2; round++) {
            ConcurrentLinkedQueue<Integer> indexes = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                threads.add(Thread.ofPlatform().start(() -> indexes.add(b.await(BOUND))));
            }
            for (Thread t : threads) {
                assertTrue(t.join(BOUND));
            }
            assertEquals(Set.of(0, 1, 2), new TreeSet<>(indexes));
        }
        assertEquals(2, actions.getInt());
        assertEquals(3, b.parties());
        assertEquals(0, b.waiting());
    }

    @Test
    void aTimedOutWaitBreaksTheBarrierForEveryone() throws Exception {
        SharedBarrier b = mp.barrier(3);
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                b.await(BOUND);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ofMillis(100)));
        assertTrue(other.get(30, TimeUnit.SECONDS) instanceof BarrierBrokenException);
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ZERO));
        b.reset();
        assertFalse(b.isBroken());
    }

    @Test
    void abortAndResetReachWaiters() throws Exception {
        SharedBarrier b = mp.barrier(2);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                b.await(BOUND);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (b.waiting() < 1) {
            assertTrue(System.nanoTime() < deadline);
            Thread.onSpinWait();
        }
        b.reset();
        assertTrue(waiter.get(30, TimeUnit.SECONDS) instanceof BarrierBrokenException);
        assertFalse(b.isBroken());
        b.abort();
        assertTrue(b.isBroken());
        SharedBarrier failing = mp.barrier(1, () -> {
            throw new IllegalStateException("boom");
        }, null);
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, failing::await);
        assertEquals("boom", e.getCause().getMessage());
        assertTrue(failing.isBroken());
    }
}
