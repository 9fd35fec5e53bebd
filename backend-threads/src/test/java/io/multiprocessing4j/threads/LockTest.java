package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LockTest extends ThreadsTestBase {

    @Test
    void lockIsNotReentrantAndHasNoOwner() throws Exception {
        SharedLock lock = mp.lock();
        assertFalse(lock.isLocked());
        lock.acquire();
        assertTrue(lock.isLocked());
        assertFalse(lock.acquire(Duration.ZERO), "the holder's second acquire waits like anyone's");
        assertFalse(lock.acquire(SHORT));
        assertFalse(lock.tryLock());
        assertFalse(lock.tryLock(1, TimeUnit.MILLISECONDS));
        ChildProcess releaser = mp.process(lock::release).start();
        assertTrue(releaser.join(LONG));
        assertEquals(0, releaser.exitCode(), "any process may release it");
        assertFalse(lock.isLocked());
        assertFalse(lock.ownerDied());
    }

    @Test
    void releaseOfAnUnheldLockIsRefused() {
        SharedLock lock = mp.lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("not locked"), e.getMessage());
        assertThrows(IllegalStateException.class, lock::unlock);
        lock.lock();
        lock.unlock();
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void heldReleasesInTryWithResources() {
        SharedLock lock = mp.lock();
        try (var held = lock.held()) {
            assertTrue(lock.isLocked());
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void acquireChecksTimeouts() {
        SharedLock lock = mp.lock();
        assertThrows(IllegalArgumentException.class, () -> lock.acquire(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> lock.acquire(null));
        assertTrue(lock.acquire(Duration.ofNanos(Long.MAX_VALUE)));
        assertFalse(lock.acquire(Duration.ofNanos(1)));
    }

    @Test
    void lockExcludesAcrossProcesses() {
        SharedLock lock = mp.lock();
        SharedValue counter = mp.rawValue('q', 0);
        List<ChildProcess> ps = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            ps.add(mp.process(() -> {
                for (int i = 0; i < 2_000; i++) {
                    try (var held = lock.held()) {
                        counter.setLong(counter.getLong() + 1);
                    }
                }
            }).start());
        }
        for (ChildProcess p : ps) {
            assertTrue(p.join(LONG));
        }
        assertEquals(8_000, counter.getLong());
    }

    @Test
    void rlockIsReentrantAndOwnerOnly() {
        SharedRLock lock = mp.rlock();
        assertEquals(0, lock.holdCount());
        assertFalse(lock.isHeldByCurrentThread());
        lock.acquire();
        assertTrue(lock.acquire(Duration.ZERO));
        assertTrue(lock.acquire(SHORT));
        assertEquals(3, lock.holdCount());
        assertTrue(lock.isHeldByCurrentThread());
        AtomicReference<Throwable> other = new AtomicReference<>();
        ChildProcess p = mp.process(() -> {
            try {
                lock.release();
            } catch (IllegalMonitorStateException e) {
                other.set(e);
            }
            if (lock.acquire(SHORT)) {
                throw new AssertionError("acquired a held rlock");
            }
        }).start();
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
        assertTrue(other.get().getMessage().contains("another thread holds it"), other.get().getMessage());
        lock.release();
        lock.release();
        lock.release();
        assertEquals(0, lock.holdCount());
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertTrue(e.getMessage().contains("not held"), e.getMessage());
        assertFalse(lock.ownerDied());
        assertThrows(IllegalArgumentException.class, () -> lock.acquire(Duration.ofSeconds(-1)));
    }

    @Test
    void blockedAcquireIsInterruptible() throws Exception {
        assertInterruptible(mp.lock(), SharedMutex::acquire);
        assertInterruptible(mp.lock(), m -> m.acquire(LONG));
        assertInterruptible(mp.rlock(), SharedMutex::acquire);
        assertInterruptible(mp.rlock(), m -> m.acquire(LONG));
    }

    @Test
    void lockInterruptiblyThrowsTheCheckedException() throws Exception {
        SharedLock lock = mp.lock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                lock.lockInterruptibly();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }

    private void assertInterruptible(SharedMutex m, Consumer<SharedMutex> blocked) throws Exception {
        // Held by a helper thread, so that even the reentrant lock blocks the test's thread.
        Thread holder = thread(m::acquire);
        holder.join(10_000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                blocked.accept(m);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, flag.get());
    }

    @Test
    void handlesResolveToTheSameLock() throws Exception {
        SharedLock lock = mp.lock();
        SharedRLock rlock = mp.rlock();
        assertSame(lock, roundTrip(lock));
        assertSame(rlock, roundTrip(rlock));
    }
}
