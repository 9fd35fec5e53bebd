package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Queues between processes, joinable queues, serialization. */
final class QueueMoreChecks {
    private QueueMoreChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("queues between processes");
        c.add("Q-21", "a child's items arrive in order", "FIFO per producer", "the same (500 items)", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> {
                for (int i = 0; i < 500; i++) {
                    q.put(i);
                }
            }).start();
            for (int i = 0; i < 500; i++) {
                assertEquals(i, q.get(T));
            }
            p.join();
            return null;
        });
        c.add("Q-22", "three producers, nothing lost or duplicated", "every item once", "the same (3 x 300 items)", env -> {
            SharedQueue<Integer> q = env.mp().queue(16);
            List<ChildProcess> ps = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int base = k * 1000;
                ps.add(env.mp().process(() -> {
                    for (int i = 0; i < 300; i++) {
                        q.put(base + i);
                    }
                }).start());
            }
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                got.add(q.get(T));
            }
            ps.forEach(ChildProcess::join);
            assertThrows(io.multiprocessing4j.QueueEmptyException.class, () -> q.get(SHORT), "an extra item arrived");
            Collections.sort(got);
            List<Integer> want = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < 300; i++) {
                    want.add(k * 1000 + i);
                }
            }
            assertEquals(want, got);
            return null;
        });
        c.add("Q-23", "a blocked get wakes on a child's put", "get() returns the item", "the same", env -> {
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put("late")).start();
            assertEquals("late", q.get(T));
            p.join();
            return null;
        });
        c.add("Q-24", "a blocked put wakes when a child gets", "put() returns once there is room", "the same", env -> {
            SharedQueue<Integer> q = env.mp().queue(1);
            q.put(1);
            SharedQueue<Integer> got = env.mp().queue();
            ChildProcess p = env.mp().process(() -> got.put(q.get())).start();
            q.put(2, T);
            assertEquals(1, got.get(T));
            assertEquals(2, q.get(T));
            p.join();
            return null;
        });
        c.deliberate("Q-25", "an item changed after put", "arrives changed (pickled later, by the feeder thread)",
                "serialized at put: arrives as it was (threads: shared, arrives changed)", env -> {
            SharedQueue<List<String>> q = env.mp().queue();
            List<String> item = new ArrayList<>(List.of("before"));
            q.put(item);
            item.set(0, "after");
            List<String> got = q.get(T);
            assertEquals(env.has(Capability.SERIALIZED_ARGUMENTS) ? "before" : "after", got.getFirst());
            return got;
        });
        c.deliberate("Q-26", "an item that cannot be serialized", "put() succeeds; the feeder thread prints an error and drops it",
                "SerializationException at put (threads: accepted)", env -> {
            SharedQueue<Object> q = env.mp().queue();
            if (env.has(Capability.SERIALIZED_ARGUMENTS)) {
                assertThrows(SerializationException.class, () -> q.put(new Object()));
                assertTrue(q.empty());
            } else {
                q.put(new Object());
                assertEquals(1, q.qsize());
            }
            return null;
        });
        c.deliberate("Q-27", "a queue sent inside a message", "RuntimeError: Queue objects should only be shared through inheritance",
                "the handle reattaches in the receiver", env -> {
            SharedQueue<SharedQueue<String>> outer = env.mp().queue();
            SharedQueue<String> inner = env.mp().queue();
            ChildProcess p = env.mp().process(() -> outer.get().put("via inner")).start();
            outer.put(inner);
            assertEquals("via inner", inner.get(T));
            p.join();
            return null;
        });
        c.add("Q-28", "JoinableQueue.join() waits for task_done()", "returns after every item is done", "the same", env -> {
            JoinableQueue<Integer> q = env.mp().joinableQueue();
            for (int i = 0; i < 5; i++) {
                q.put(i);
            }
            ChildProcess p = env.mp().process(() -> {
                for (int i = 0; i < 5; i++) {
                    q.get();
                    q.taskDone();
                }
            }).start();
            assertTrue(q.join(T));
            p.join();
            return null;
        });
        c.add("Q-29", "task_done() too many times", "ValueError: task_done() called too many times", "IllegalStateException", env -> {
            JoinableQueue<Integer> q = env.mp().joinableQueue();
            q.put(1);
            q.get(T);
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
        c.add("Q-30", "JoinableQueue.join(timeout) with work left", "(join has no timeout in Python)", "join(Duration) false", env -> {
            JoinableQueue<Integer> q = env.mp().joinableQueue();
            q.put(1);
            assertFalse(q.join(SHORT));
            q.get(T);
            q.taskDone();
            assertTrue(q.join(T));
            return null;
        });
        c.add("Q-31", "an empty JoinableQueue", "join() returns at once", "the same", env -> {
            assertTrue(env.mp().joinableQueue().join(T));
            return null;
        });
        c.add("Q-32", "a bounded JoinableQueue", "JoinableQueue(maxsize) is full at maxsize", "the same", env -> {
            JoinableQueue<Integer> q = env.mp().joinableQueue(1);
            q.put(1);
            assertTrue(q.full());
            assertThrows(io.multiprocessing4j.QueueFullException.class, () -> q.putNowait(2));
            return null;
        });
        return c.checks();
    }
}
