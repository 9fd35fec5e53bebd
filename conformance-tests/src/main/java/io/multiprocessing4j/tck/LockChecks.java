package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMutex;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Lock and RLock. */
final class LockChecks {
    private LockChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("locks");
        c.add("L-01", "acquire and release", "acquire() True; locked while held", "the same", env -> {
            SharedLock l = env.mp().lock();
            assertFalse(l.isLocked());
            l.acquire();
            assertTrue(l.isLocked());
            l.release();
            assertFalse(l.isLocked());
            return null;
        });
        c.add("L-02", "a Lock is not reentrant", "acquire(False) by the holder is False", "acquire(ZERO) false for the holder", env -> {
            SharedLock l = env.mp().lock();
            l.acquire();
            assertFalse(l.acquire(Duration.ZERO));
            l.release();
            return null;
        });
        c.add("L-03", "release of an unheld Lock", "ValueError: semaphore or lock released too many times", "IllegalStateException", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().lock().release());
            return null;
        });
        c.add("L-04", "a Lock has no owner", "another process may release it", "the same", env -> {
            SharedLock l = env.mp().lock();
            l.acquire();
            ChildProcess p = env.mp().process(l::release).start();
            p.join();
            assertEquals(0, p.exitCode());
            assertTrue(l.acquire(T));
            l.release();
            return null;
        });
        c.add("L-05", "acquire(timeout) on a held lock", "False after the timeout", "the same", env -> {
            SharedLock l = env.mp().lock();
            l.acquire();
            long t0 = System.nanoTime();
            assertFalse(l.acquire(SHORT));
            assertTrue(System.nanoTime() - t0 >= SHORT.toNanos() * 9 / 10);
            l.release();
            return null;
        });
        c.add("L-06", "mutual exclusion between processes", "updates under the lock are never lost",
                "4 processes x 300 read-modify-writes under the lock: exact total", env -> {
            SharedLock l = env.mp().lock();
            SharedValue v = env.mp().rawValue('i', 0);
            List<ChildProcess> ps = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                ps.add(env.mp().process(() -> {
                    for (int i = 0; i < 300; i++) {
                        l.acquire();
                        int now = v.getInt();
                        // widen the read-modify-write window, so that a lock that does not exclude is caught
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                        v.setInt(now + 1);
                        l.release();
                    }
                }).start());
            }
            ps.forEach(ChildProcess::join);
            assertEquals(1200, v.getInt());
            return null;
        });
        c.add("L-07", "with lock:", "released on leaving the block", "held() in try-with-resources", env -> {
            SharedLock l = env.mp().lock();
            try (SharedMutex.Held h = l.held()) {
                assertTrue(l.isLocked());
            }
            assertFalse(l.isLocked());
            return null;
        });
        c.add("L-08", "java.util.concurrent.locks.Lock", "-", "lock/tryLock/unlock work as acquire/release", env -> {
            SharedLock l = env.mp().lock();
            assertTrue(l.tryLock());
            assertFalse(l.tryLock());
            l.unlock();
            l.lock();
            l.unlock();
            assertFalse(l.isLocked());
            return null;
        });
        c.add("L-09", "owner died flag on a healthy lock", "-", "ownerDied() false", env -> {
            SharedLock l = env.mp().lock();
            l.acquire();
            assertFalse(l.ownerDied());
            l.release();
            return null;
        });
        c.add("L-10", "acquire with a negative timeout", "timeout < 0 waits as 0", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().lock().acquire(Duration.ofMillis(-1)));
            return null;
        });
        c.add("L-11", "a lock held by a child blocks the parent", "acquire waits for the child's release", "the same", env -> {
            SharedLock l = env.mp().lock();
            SharedQueue<String> q = env.mp().queue();
            SharedValue released = env.mp().value('i', 0);
            ChildProcess p = env.mp().process(() -> {
                l.acquire();
                q.put("held");
                Thread.sleep(100); // holds the lock a while: the parent must wait for the release, however long
                released.setInt(1);
                l.release();
            }).start();
            assertEquals("held", q.get(T));
            assertTrue(l.acquire(T));
            assertEquals(1, released.getInt(), "acquired while the child still held the lock");
            l.release();
            p.join();
            return null;
        });
        c.add("L-12", "RLock is reentrant", "acquire twice, release twice", "holdCount 2 then 0", env -> {
            SharedRLock r = env.mp().rlock();
            r.acquire();
            r.acquire();
            assertEquals(2, r.holdCount());
            assertTrue(r.isHeldByCurrentThread());
            r.release();
            r.release();
            assertEquals(0, r.holdCount());
            assertFalse(r.isHeldByCurrentThread());
            return null;
        });
        c.add("L-13", "release of an unheld RLock", "AssertionError: attempt to release recursive lock not owned by thread",
                "IllegalMonitorStateException", env -> {
            assertThrows(IllegalMonitorStateException.class, () -> env.mp().rlock().release());
            return null;
        });
        c.add("L-14", "RLock released by another process", "AssertionError (not the owner)", "IllegalMonitorStateException in the child", env -> {
            SharedRLock r = env.mp().rlock();
            r.acquire();
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(ContractChecks.thrown(r::release))).start();
            assertEquals("IllegalMonitorStateException", q.get(T));
            p.join();
            assertEquals(1, r.holdCount());
            r.release();
            return null;
        });
        c.add("L-15", "RLock excludes other processes", "acquire(False) elsewhere is False while held", "the same", env -> {
            SharedRLock r = env.mp().rlock();
            r.acquire();
            SharedQueue<Boolean> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(r.acquire(Duration.ZERO))).start();
            assertEquals(false, q.get(T));
            p.join();
            r.release();
            return null;
        });
        c.add("L-16", "a lock's condition", "-", "newCondition() is bound to the lock", env -> {
            SharedLock l = env.mp().lock();
            assertTrue(l.newCondition().lock() == l);
            return null;
        });
        c.add("L-17", "interrupt while blocked in acquire()", "(KeyboardInterrupt)", "ProcessInterruptedException, interrupt status set", env -> {
            SharedLock l = env.mp().lock();
            l.acquire();
            Thread.currentThread().interrupt();
            try {
                assertThrows(io.multiprocessing4j.ProcessInterruptedException.class, l::acquire);
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
                l.release();
            }
            return null;
        });
        return c.checks();
    }
}
