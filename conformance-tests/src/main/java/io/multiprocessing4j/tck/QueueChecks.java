package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Queues in one process: Python's queue semantics and BlockingQueue's. */
final class QueueChecks {
    private QueueChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("queues");
        c.add("Q-01", "FIFO order", "items come out in the order put", "the same (100 items)", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            for (int i = 0; i < 100; i++) {
                q.put(i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i, q.get(T));
            }
            return null;
        });
        c.deliberate("Q-02", "put(None)", "None is a valid item", "NullPointerException (BlockingQueue refuses null)", env -> {
            SharedQueue<Object> q = env.mp().queue();
            assertThrows(NullPointerException.class, () -> q.put(null));
            assertThrows(NullPointerException.class, () -> q.putNowait(null));
            assertTrue(q.empty());
            return null;
        });
        c.add("Q-03", "get_nowait() on an empty queue", "queue.Empty", "QueueEmptyException", env -> {
            assertThrows(QueueEmptyException.class, () -> env.mp().queue().getNowait());
            return null;
        });
        c.add("Q-04", "get(timeout) on an empty queue", "queue.Empty after the timeout", "QueueEmptyException after at least the timeout", env -> {
            SharedQueue<Object> q = env.mp().queue();
            long t0 = System.nanoTime();
            assertThrows(QueueEmptyException.class, () -> q.get(SHORT));
            assertTrue(System.nanoTime() - t0 >= SHORT.toNanos() * 9 / 10, "returned too early");
            return null;
        });
        c.add("Q-05", "put_nowait() on a full queue", "queue.Full", "QueueFullException", env -> {
            SharedQueue<Integer> q = env.mp().queue(1);
            q.put(1);
            assertThrows(QueueFullException.class, () -> q.putNowait(2));
            assertEquals(1, q.qsize());
            return null;
        });
        c.add("Q-06", "put(timeout) on a full queue", "queue.Full after the timeout", "QueueFullException", env -> {
            SharedQueue<Integer> q = env.mp().queue(2);
            q.put(1);
            q.put(2);
            assertThrows(QueueFullException.class, () -> q.put(3, SHORT));
            assertEquals(List.of(1, 2), List.of(q.get(T), q.get(T)));
            return null;
        });
        c.add("Q-07", "maxsize 0 is unbounded", "Queue(0) never full", "the same; maxsize() 0", env -> {
            SharedQueue<Integer> q = env.mp().queue(0);
            for (int i = 0; i < 1000; i++) {
                q.putNowait(i);
            }
            assertFalse(q.full());
            assertTrue(q.maxsize() <= 0);
            return q.qsize();
        });
        c.add("Q-08", "a negative maxsize is unbounded", "Queue(-1) never full", "the same; remainingCapacity as LinkedBlockingQueue's", env -> {
            SharedQueue<Integer> q = env.mp().queue(-5);
            for (int i = 0; i < 100; i++) {
                q.putNowait(i);
            }
            assertFalse(q.full());
            assertTrue(q.remainingCapacity() >= Integer.MAX_VALUE - 100, "remainingCapacity " + q.remainingCapacity());
            return null;
        });
        c.add("Q-09", "qsize(), empty(), full()", "approximate counts; exact when quiet", "exact when quiet", env -> {
            SharedQueue<Integer> q = env.mp().queue(3);
            assertTrue(q.empty());
            assertEquals(0, q.qsize());
            q.put(1);
            q.put(2);
            assertEquals(2, q.qsize());
            assertFalse(q.empty());
            assertFalse(q.full());
            q.put(3);
            assertTrue(q.full());
            assertEquals(3, q.maxsize());
            return null;
        });
        c.add("Q-10", "put after close()", "ValueError: Queue is closed", "IllegalStateException", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            q.close();
            assertThrows(IllegalStateException.class, () -> q.put(1));
            return null;
        });
        c.add("Q-11", "get after close()", "ValueError: Queue is closed", "IllegalStateException", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            q.put(1);
            q.close();
            assertThrows(IllegalStateException.class, q::get);
            assertThrows(IllegalStateException.class, q::getNowait);
            return null;
        });
        c.add("Q-12", "close() twice", "harmless", "idempotent", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            q.close();
            q.close();
            return null;
        });
        c.add("Q-13", "join_thread() before close()", "AssertionError", "IllegalStateException", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            assertThrows(IllegalStateException.class, q::joinThread);
            q.close();
            q.joinThread();
            return null;
        });
        c.deliberate("Q-14", "get with a negative timeout", "treated as 0: queue.Empty", "IllegalArgumentException", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofMillis(-1)));
            assertThrows(NullPointerException.class, () -> q.get(null));
            return null;
        });
        c.add("Q-15", "offer on a full queue", "(BlockingQueue)", "offer false; offer(timeout) false; add throws IllegalStateException", env -> {
            SharedQueue<Integer> q = env.mp().queue(1);
            assertTrue(q.offer(1));
            assertFalse(q.offer(2));
            assertFalse(q.offer(2, 10, java.util.concurrent.TimeUnit.MILLISECONDS));
            assertThrows(IllegalStateException.class, () -> q.add(2));
            return null;
        });
        c.add("Q-16", "poll on an empty queue", "(BlockingQueue)", "poll() null, poll(timeout) null, peek() null", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            assertNull(q.poll());
            assertNull(q.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS));
            assertNull(q.peek());
            return null;
        });
        c.add("Q-17", "remainingCapacity", "(BlockingQueue)", "maxsize - qsize; MAX_VALUE when unbounded", env -> {
            SharedQueue<Integer> q = env.mp().queue(5);
            q.put(1);
            assertEquals(4, q.remainingCapacity());
            assertEquals(Integer.MAX_VALUE, env.mp().queue().remainingCapacity());
            return null;
        });
        c.add("Q-18", "drainTo", "(BlockingQueue)", "moves every item in order; drainTo(itself) IllegalArgumentException", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            for (int i = 0; i < 5; i++) {
                q.put(i);
            }
            List<Integer> out = new ArrayList<>();
            assertEquals(5, q.drainTo(out));
            assertEquals(List.of(0, 1, 2, 3, 4), out);
            assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
            return null;
        });
        c.add("Q-19", "interrupt while blocked in get()", "(KeyboardInterrupt)", "ProcessInterruptedException, interrupt status set", env -> {
            SharedQueue<Integer> q = env.mp().queue();
            Thread.currentThread().interrupt();
            try {
                assertThrows(io.multiprocessing4j.ProcessInterruptedException.class, () -> q.get(T));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            return null;
        });
        c.add("Q-20", "put of a null timeout", "-", "NullPointerException", env -> {
            assertThrows(NullPointerException.class, () -> env.mp().<Integer>queue().put(1, null));
            return null;
        });
        return c.checks();
    }
}
