package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import java.util.List;

/** Semaphores, events, conditions. */
final class SyncChecks {
    private SyncChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("semaphores, events, conditions");
        c.deliberate("S-01", "Semaphore(-1)", "OSError: [Errno 22] Invalid argument", "IllegalArgumentException naming the value", env -> {
            var e = assertThrows(IllegalArgumentException.class, () -> env.mp().semaphore(-1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.mp().boundedSemaphore(-1));
            return null;
        });
        c.add("S-02", "acquire and release count", "get_value() follows", "value() follows", env -> {
            SharedSemaphore s = env.mp().semaphore(2);
            s.acquire();
            assertEquals(1, s.value());
            s.release();
            assertEquals(2, s.value());
            return null;
        });
        c.add("S-03", "acquire(timeout) at zero", "False after the timeout", "the same", env -> {
            SharedSemaphore s = env.mp().semaphore(0);
            assertFalse(s.acquire(SHORT));
            assertFalse(s.tryAcquire());
            return null;
        });
        c.add("S-04", "an unbounded semaphore released past its start", "allowed", "allowed: value grows", env -> {
            SharedSemaphore s = env.mp().semaphore(1);
            s.release();
            assertEquals(2, s.value());
            assertFalse(s.bounded());
            return null;
        });
        c.add("S-05", "BoundedSemaphore released too often", "ValueError: semaphore or lock released too many times",
                "IllegalStateException; value unchanged", env -> {
            SharedSemaphore s = env.mp().boundedSemaphore(1);
            assertTrue(s.bounded());
            assertThrows(IllegalStateException.class, s::release);
            assertEquals(1, s.value());
            return null;
        });
        c.add("S-06", "a semaphore between processes", "a child's release wakes the parent's acquire", "the same", env -> {
            SharedSemaphore s = env.mp().semaphore(0);
            ChildProcess p = env.mp().process(s::release).start();
            assertTrue(s.acquire(T));
            p.join();
            return null;
        });
        c.add("S-07", "with semaphore:", "released on leaving the block", "held() in try-with-resources", env -> {
            SharedSemaphore s = env.mp().semaphore(1);
            try (var h = s.held()) {
                assertEquals(0, s.value());
            }
            assertEquals(1, s.value());
            return null;
        });
        c.add("S-08", "Event set, clear", "is_set follows", "isSet() follows", env -> {
            SharedEvent e = env.mp().event();
            assertFalse(e.isSet());
            e.set();
            assertTrue(e.isSet());
            e.clear();
            assertFalse(e.isSet());
            return null;
        });
        c.add("S-09", "Event.wait(timeout)", "False if not set; True if set", "the same", env -> {
            SharedEvent e = env.mp().event();
            assertFalse(e.await(SHORT));
            e.set();
            assertTrue(e.await(SHORT));
            e.await();
            return null;
        });
        c.add("S-10", "an Event set by a child", "wait() returns", "the same", env -> {
            SharedEvent e = env.mp().event();
            ChildProcess p = env.mp().process(e::set).start();
            assertTrue(e.await(T));
            p.join();
            return null;
        });
        c.add("S-11", "Condition.wait without the lock", "AssertionError: must acquire() condition before using wait()",
                "IllegalMonitorStateException", env -> {
            SharedCondition cond = env.mp().condition();
            assertThrows(IllegalMonitorStateException.class, () -> cond.await(SHORT));
            return null;
        });
        c.add("S-12", "Condition.notify without the lock", "AssertionError: lock is not owned", "IllegalMonitorStateException", env -> {
            SharedCondition cond = env.mp().condition();
            assertThrows(IllegalMonitorStateException.class, cond::signal);
            assertThrows(IllegalMonitorStateException.class, cond::signalAll);
            return null;
        });
        c.add("S-13", "Condition.wait(timeout) times out", "False; the lock is held again", "the same", env -> {
            SharedCondition cond = env.mp().condition();
            cond.lock().acquire();
            try {
                assertFalse(cond.await(SHORT));
            } finally {
                cond.lock().release();
            }
            return null;
        });
        c.add("S-14", "Condition.wait_for a child's change", "True once the predicate holds", "the same", env -> {
            SharedCondition cond = env.mp().condition();
            SharedValue v = env.mp().value('i', 0);
            ChildProcess p = env.mp().process(() -> {
                cond.lock().acquire();
                v.setInt(1);
                cond.signalAll();
                cond.lock().release();
            }).start();
            cond.lock().acquire();
            try {
                assertTrue(cond.waitFor(() -> v.getInt() == 1, T));
            } finally {
                cond.lock().release();
            }
            p.join();
            return null;
        });
        c.add("S-15", "Condition on a given lock", "Condition(lock) uses it", "condition(lock).lock() is that lock; null refused", env -> {
            var l = env.mp().lock();
            assertTrue(env.mp().condition(l).lock() == l);
            assertThrows(NullPointerException.class, () -> env.mp().condition(null));
            return null;
        });
        c.add("S-16", "notify wakes a waiting child", "the waiter returns True", "the same", env -> {
            SharedCondition cond = env.mp().condition();
            SharedEvent waiting = env.mp().event();
            SharedValue woke = env.mp().value('i', 0);
            ChildProcess p = env.mp().process(() -> {
                cond.lock().acquire();
                waiting.set();
                if (cond.await(T)) {
                    woke.setInt(1);
                }
                cond.lock().release();
            }).start();
            assertTrue(waiting.await(T));
            cond.lock().acquire();
            cond.signal();
            cond.lock().release();
            p.join();
            assertEquals(1, woke.getInt());
            return null;
        });
        return c.checks();
    }
}
