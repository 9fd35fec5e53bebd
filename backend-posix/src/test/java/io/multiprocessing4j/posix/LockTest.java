package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        mp.close();
    }

    @Test
    void lockIsNotReentrantAndRefusesReleaseWhenFree() {
        SharedLock lock = mp.lock();
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        lock.acquire();
        assertTrue(lock.isLocked());
        assertFalse(lock.acquire(Duration.ofMillis(50)), "a second acquire by the holder waits like anyone's");
        assertFalse(lock.tryLock());
        lock.release();
        assertTrue(lock.tryLock());
        assertFalse(lock.ownerDied());
        lock.unlock();
    }

    @Test
    void anotherThreadMayReleaseALock() throws Exception {
        SharedLock lock = mp.lock();
        lock.acquire();
        CompletableFuture.runAsync(lock::release).get(30, TimeUnit.SECONDS);
        assertFalse(lock.isLocked());
    }

    @Test
    void aBlockedAcquireIsWokenByRelease() throws Exception {
        SharedLock lock = mp.lock();
        lock.acquire();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return lock.acquire(BOUND);
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        lock.release();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        assertTrue(lock.isLocked());
    }

    @Test
    void interruptEndsAWait() throws Exception {
        SharedLock lock = mp.lock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.interrupt();
        assertTrue(t.join(BOUND));
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertTrue(flag.get(), "interrupt status set again");
    }

    @Test
    void rlockCountsAndOnlyItsOwnerReleases() throws Exception {
        SharedRLock r = mp.rlock();
        assertThrows(IllegalMonitorStateException.class, r::release);
        r.acquire();
        r.acquire();
        assertEquals(2, r.holdCount());
        assertTrue(r.isHeldByCurrentThread());
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                r.release();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        assertTrue(other.get(30, TimeUnit.SECONDS) instanceof IllegalMonitorStateException);
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> r.acquire(Duration.ofMillis(50)));
        assertFalse(blocked.get(30, TimeUnit.SECONDS));
        r.release();
        assertEquals(1, r.holdCount());
        r.release();
        assertEquals(0, r.holdCount());
        assertTrue(CompletableFuture.supplyAsync(() -> {
            boolean got = r.acquire(BOUND);
            r.release();
            return got;
        }).get(30, TimeUnit.SECONDS));
    }

    @Test
    void counterWithLockIsExactAcrossThreeProcesses() {
        SharedValue counter = mp.value('q', 0);
        int perProcess = 3000;
        String handle = JvmChild.encode(counter);
        try (JvmChild a = JvmChild.start("count", handle, Integer.toString(perProcess));
                JvmChild b = JvmChild.start("count", handle, Integer.toString(perProcess))) {
            a.expect("ready");
            b.expect("ready");
            for (int i = 0; i < perProcess; i++) {
                try (var held = counter.getLock().held()) {
                    counter.setLong(counter.getLong() + 1);
                }
            }
            a.expect("done");
            b.expect("done");
            assertEquals(0, a.exitCode());
            assertEquals(0, b.exitCode());
        }
        assertEquals(3L * perProcess, counter.getLong());
    }

    @Test
    void aLockHeldByAKilledProcessIsRecoveredWithOwnerDied() {
        SharedLock lock = mp.lock();
        try (JvmChild child = JvmChild.start("lock-and-hang", JvmChild.encode(lock))) {
            String line = child.line();
            assertTrue(line.startsWith("locked "), line);
            assertTrue(lock.isLocked());
            assertFalse(lock.tryLock(), "held by a live process");
            child.killHard(); // SIGKILL while it holds the lock
            assertTrue(lock.acquire(BOUND), "the next acquirer recovers the lock");
            assertTrue(lock.ownerDied());
            lock.release();
            assertFalse(lock.ownerDied(), "ownerDied lasts until the next release");
            assertTrue(lock.tryLock());
            assertFalse(lock.ownerDied());
            lock.release();
        }
    }

    @Test
    void aWaiterBlockedOnADeadHoldersLockRecoversIt() throws Exception {
        SharedRLock lock = mp.rlock();
        try (JvmChild child = JvmChild.start("lock-and-hang", JvmChild.encode(lock))) {
            assertTrue(child.line().startsWith("locked "));
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                boolean got = lock.acquire(BOUND);
                boolean died = lock.ownerDied();
                lock.release();
                return got && died;
            });
            assertFalse(waiter.isDone());
            child.killHard();
            assertTrue(waiter.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void manyThreadsCountExactlyUnderTheLock() throws Exception {
        SharedLock lock = mp.lock();
        long[] counter = {0};
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5000; i++) {
                    lock.acquire();
                    counter[0]++;
                    lock.release();
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(BOUND));
        }
        assertEquals(20_000, counter[0]);
    }
}
