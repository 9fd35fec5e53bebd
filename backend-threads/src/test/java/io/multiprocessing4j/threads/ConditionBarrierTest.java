package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class ConditionBarrierTest extends ThreadsTestBase {

    @Test
    void conditionOnItsOwnRLockSignalsAWaiter() {
        SharedCondition c = mp.condition();
        assertInstanceOf(SharedRLock.class, c.lock());
        AtomicInteger state = new AtomicInteger();
        ChildProcess waiter = mp.process(() -> {
            try (var held = c.lock().held()) {
                if (!c.waitFor(() -> state.get() == 1, LONG)) {
                    throw new AssertionError("not signalled");
                }
            }
        }).start();
        assertFalse(waiter.join(SHORT));
        try (var held = c.lock().held()) {
            state.set(1);
            c.signalAll();
        }
        assertTrue(waiter.join(LONG));
        assertEquals(0, waiter.exitCode());
    }

    @Test
    void conditionAwaitTimesOutAndReacquires() {
        SharedRLock lock = mp.rlock();
        SharedCondition c = mp.condition(lock);
        assertSame(lock, c.lock());
        lock.acquire();
        lock.acquire();
        assertFalse(c.await(SHORT));
        assertFalse(c.await(Duration.ZERO));
        assertEquals(2, lock.holdCount(), "every hold is restored after the wait");
        assertFalse(c.waitFor(() -> false, SHORT));
        assertTrue(c.waitFor(() -> true, Duration.ZERO));
        lock.release();
        lock.release();
        assertThrows(IllegalArgumentException.class, () -> c.await(Duration.ofMillis(-1)));
    }

    @Test
    void conditionRefusesCallersThatDoNotHoldTheLock() {
        SharedCondition c = mp.condition();
        assertThrows(IllegalMonitorStateException.class, c::await);
        assertThrows(IllegalMonitorStateException.class, () -> c.await(SHORT));
        assertThrows(IllegalMonitorStateException.class, c::signal);
        assertThrows(IllegalMonitorStateException.class, c::signalAll);
        SharedCondition onLock = mp.condition(mp.lock());
        assertThrows(IllegalMonitorStateException.class, onLock::await);
        assertThrows(IllegalMonitorStateException.class, onLock::signal);
    }

    @Test
    void conditionOnTheOwnerlessLockWorks() {
        SharedLock lock = mp.lock();
        SharedCondition c = lock.newCondition();
        SharedQueue<String> q = mp.queue();
        ChildProcess waiter = mp.process(() -> {
            lock.acquire();
            try {
                q.put("waiting");
                if (!c.await(LONG)) {
                    throw new AssertionError("timed out");
                }
                q.put("woken");
            } finally {
                lock.release();
            }
        }).start();
        assertEquals("waiting", q.get(LONG));
        lock.acquire();
        c.signal();
        lock.release();
        assertEquals("woken", q.get(LONG));
        assertTrue(waiter.join(LONG));
        assertFalse(lock.isLocked());
    }

    @Test
    void conditionNeedsALockOfThisBackend() {
        SharedMutex foreign = new SharedMutex() {
            @Override
            public void acquire() {
            }

            @Override
            public boolean acquire(Duration timeout) {
                return true;
            }

            @Override
            public void release() {
            }

            @Override
            public boolean ownerDied() {
                return false;
            }

            @Override
            public SharedCondition newCondition() {
                throw new UnsupportedOperationException();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> mp.condition(foreign));
        assertThrows(NullPointerException.class, () -> mp.condition(null));
        assertTrue(mp.ownsLock(mp.lock()));
        assertTrue(mp.ownsLock(mp.rlock()));
        assertFalse(mp.ownsLock(foreign));
    }

    @Test
    void interruptedConditionWaitReacquiresAndThrows() throws Exception {
        SharedRLock lock = mp.rlock();
        SharedCondition c = mp.condition(lock);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> held = new AtomicReference<>();
        Thread t = thread(() -> {
            lock.acquire();
            try {
                c.await();
            } catch (Throwable e) {
                thrown.set(e);
                held.set(lock.isHeldByCurrentThread());
            } finally {
                lock.release();
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, held.get());
    }

    @Test
    void barrierReleasesAllPartiesWithDistinctIndexes() {
        int parties = 4;
        AtomicInteger actions = new AtomicInteger();
        AtomicReference<String> actionThread = new AtomicReference<>();
        SharedBarrier b = mp.barrier(parties, () -> {
            actions.incrementAndGet();
            actionThread.set(Thread.currentThread().getName());
        }, null);
        assertEquals(parties, b.parties());
        SharedQueue<Integer> indexes = mp.queue();
        List<ChildProcess> ps = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            ps.add(mp.process(() -> {
                indexes.put(b.await(LONG));
                indexes.put(b.await(LONG));
            }).start());
        }
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 2 * parties; i++) {
            seen.add(indexes.get(LONG));
        }
        assertEquals(Set.of(0, 1, 2, 3), seen);
        for (ChildProcess p : ps) {
            assertTrue(p.join(LONG));
            assertEquals(0, p.exitCode());
        }
        assertEquals(2, actions.get(), "the action runs once per passage");
        assertTrue(actionThread.get().startsWith("Process-"), actionThread.get());
        assertEquals(0, b.waiting());
        assertFalse(b.isBroken());
    }

    @Test
    void firstArrivalGetsZeroAndLastGetsTheHighestIndexAsInPython() {
        SharedBarrier b = mp.barrier(2);
        SharedQueue<Integer> q = mp.queue();
        ChildProcess first = mp.process(() -> q.put(b.await(LONG))).start();
        eventually(() -> b.waiting() == 1);
        assertEquals(1, b.await(LONG));
        assertEquals(0, q.get(LONG));
        assertTrue(first.join(LONG));
        SharedBarrier one = mp.barrier(1);
        assertEquals(0, one.await());
    }

    @Test
    void timeoutBreaksTheBarrierForEveryone() {
        SharedBarrier b = mp.barrier(3);
        SharedQueue<String> q = mp.queue();
        ChildProcess other = mp.process(() -> {
            try {
                b.await(LONG);
                q.put("passed");
            } catch (BarrierBrokenException e) {
                q.put("broken");
            }
        }).start();
        eventually(() -> b.waiting() == 1);
        assertThrows(BarrierBrokenException.class, () -> b.await(SHORT));
        assertEquals("broken", q.get(LONG));
        assertTrue(b.isBroken());
        assertEquals(0, b.waiting());
        assertThrows(BarrierBrokenException.class, b::await);
        assertTrue(other.join(LONG));
        b.reset();
        assertFalse(b.isBroken());
    }

    @Test
    void defaultTimeoutApplies() {
        SharedBarrier b = mp.barrier(2, null, SHORT);
        assertThrows(BarrierBrokenException.class, b::await);
        assertTrue(b.isBroken());
        assertThrows(IllegalArgumentException.class, () -> mp.barrier(2, null, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> mp.barrier(0));
        assertThrows(IllegalArgumentException.class, () -> b.await(Duration.ofSeconds(-1)));
    }

    @Test
    void abortBreaksItUntilReset() {
        SharedBarrier b = mp.barrier(2);
        SharedQueue<String> q = mp.queue();
        ChildProcess waiter = mp.process(() -> {
            try {
                b.await(LONG);
            } catch (BarrierBrokenException e) {
                q.put("broken");
            }
        }).start();
        eventually(() -> b.waiting() == 1);
        b.abort();
        assertEquals("broken", q.get(LONG));
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, () -> b.await(SHORT));
        b.reset();
        assertFalse(b.isBroken());
        ChildProcess partner = mp.process(() -> b.await(LONG)).start();
        b.await(LONG);
        assertTrue(partner.join(LONG));
        assertTrue(waiter.join(LONG));
    }

    @Test
    void resetBreaksCurrentWaitersAndStartsAfresh() {
        SharedBarrier b = mp.barrier(2);
        SharedQueue<String> q = mp.queue();
        mp.process(() -> {
            try {
                b.await(LONG);
            } catch (BarrierBrokenException e) {
                q.put("broken by reset");
            }
        }).start();
        eventually(() -> b.waiting() == 1);
        b.reset();
        assertEquals("broken by reset", q.get(LONG));
        assertFalse(b.isBroken());
        assertEquals(0, b.waiting());
    }

    @Test
    void failingActionBreaksTheBarrier() {
        SharedBarrier b = mp.barrier(2, () -> {
            throw new IllegalStateException("action failed");
        }, null);
        SharedQueue<String> q = mp.queue();
        mp.process(() -> {
            try {
                b.await(LONG);
            } catch (BarrierBrokenException e) {
                q.put("broken");
            }
        }).start();
        eventually(() -> b.waiting() == 1);
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, () -> b.await(LONG));
        assertEquals("action failed", e.getCause().getMessage());
        assertEquals("broken", q.get(LONG));
        assertTrue(b.isBroken());
    }

    @Test
    void interruptedBarrierWaitBreaksIt() throws Exception {
        SharedBarrier b = mp.barrier(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                b.await();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        eventually(() -> b.waiting() == 1);
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertTrue(b.isBroken());
    }

    @Test
    void handlesResolveToTheSameObjects() throws Exception {
        SharedBarrier b = mp.barrier(2);
        SharedCondition c = mp.condition();
        assertSame(b, roundTrip(b));
        assertSame(c, roundTrip(c));
        assertFalse(c.lock() instanceof ReentrantLock);
    }
}
