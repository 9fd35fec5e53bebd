package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class QueueTest extends ThreadsTestBase {

    @Test
    void fifoWithPythonNames() {
        SharedQueue<Integer> q = mp.queue();
        assertTrue(q.empty());
        q.put(1);
        q.putNowait(2);
        q.put(3, SHORT);
        assertEquals(3, q.qsize());
        assertFalse(q.empty());
        assertFalse(q.full());
        assertEquals(1, q.get());
        assertEquals(2, q.getNowait());
        assertEquals(3, q.get(SHORT));
        assertTrue(q.empty());
    }

    @Test
    void maxsizeZeroOrLessIsUnbounded() {
        SharedQueue<Integer> q = mp.queue(-3);
        assertEquals(0, q.maxsize());
        for (int i = 0; i < 10_000; i++) {
            q.putNowait(i);
        }
        assertFalse(q.full());
        assertEquals(Integer.MAX_VALUE - 10_000, q.remainingCapacity());
    }

    @Test
    void boundedQueueIsFullAndTimesOut() {
        SharedQueue<String> q = mp.queue(2);
        assertEquals(2, q.maxsize());
        q.put("a");
        q.put("b");
        assertTrue(q.full());
        assertEquals(0, q.remainingCapacity());
        assertThrows(QueueFullException.class, () -> q.putNowait("c"));
        QueueFullException e = assertThrows(QueueFullException.class, () -> q.put("c", SHORT));
        assertTrue(e.getMessage().contains("maxsize 2"), e.getMessage());
        assertThrows(QueueFullException.class, () -> q.put("c", Duration.ZERO));
        assertFalse(q.offer("c"));
        assertEquals(List.of("a", "b"), new ArrayList<>(q));
    }

    @Test
    void emptyQueueTimesOut() throws Exception {
        SharedQueue<String> q = mp.queue();
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(SHORT));
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        assertNull(q.poll());
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
        assertNull(q.peek());
    }

    @Test
    void nullIsRefused() {
        SharedQueue<String> q = mp.queue();
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.add(null));
        assertThrows(NullPointerException.class, () -> q.put(null, SHORT));
    }

    @Test
    void badTimeoutsAreRefused() {
        SharedQueue<String> q = mp.queue();
        assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> q.put("x", Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> q.get(null));
        assertTrue(q.isEmpty());
    }

    @Test
    void blockingPutWaitsForRoomAndBlockingGetForAnItem() {
        SharedQueue<Integer> q = mp.queue(1);
        q.put(0);
        ChildProcess producer = mp.process(() -> {
            for (int i = 1; i <= 100; i++) {
                q.put(i);
            }
        }).start();
        for (int i = 0; i <= 100; i++) {
            assertEquals(i, q.get(LONG));
        }
        assertTrue(producer.join(LONG));
        assertEquals(0, producer.exitCode());
    }

    @Test
    void blockingQueueMethodsWork() throws Exception {
        SharedQueue<Integer> q = mp.queue(5);
        assertTrue(q.add(1));
        assertTrue(q.offer(2, 1, TimeUnit.SECONDS));
        assertTrue(q.addAll(List.of(3, 4)));
        assertEquals(4, q.size());
        assertEquals(1, q.remainingCapacity());
        assertTrue(q.contains(3));
        assertFalse(q.contains(9));
        assertEquals(1, q.peek());
        assertEquals(1, q.element());
        assertTrue(q.remove((Object) 3));
        assertFalse(q.remove((Object) 3));
        assertArrayEquals(new Object[] {1, 2, 4}, q.toArray());
        assertArrayEquals(new Integer[] {1, 2, 4}, q.toArray(new Integer[0]));
        Iterator<Integer> it = q.iterator();
        assertEquals(1, it.next());
        it.remove();
        assertEquals(List.of(2, 4), new ArrayList<>(q));
        List<Integer> drained = new ArrayList<>();
        assertEquals(1, q.drainTo(drained, 1));
        assertEquals(1, q.drainTo(drained));
        assertEquals(List.of(2, 4), drained);
        q.add(7);
        assertEquals(7, q.remove());
        assertThrows(java.util.NoSuchElementException.class, q::remove);
        q.put(8);
        assertEquals(8, q.take());
        q.put(9);
        assertEquals(9, q.poll(1, TimeUnit.SECONDS));
        q.addAll(List.of(1, 2, 3, 4, 5));
        assertThrows(IllegalStateException.class, () -> q.add(6));
        assertFalse(q.offer(6, 1, TimeUnit.MILLISECONDS));
        q.clear();
        assertTrue(q.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
    }

    @Test
    void closeRefusesFurtherCallsOfThatProcessOnly() {
        SharedQueue<String> q = mp.queue();
        q.put("kept");
        ChildProcess p = mp.process(() -> {
            q.put("from child");
            q.close();
            q.close();
            q.joinThread();
            try {
                q.put("after close");
            } catch (IllegalStateException e) {
                return;
            }
            throw new AssertionError("put after close worked");
        }).start();
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
        assertEquals("kept", q.get(SHORT));
        assertEquals("from child", q.get(SHORT));
        q.put("still open here");
        assertThrows(IllegalStateException.class, q::joinThread);
        q.close();
        q.joinThread();
        assertThrows(IllegalStateException.class, () -> q.put("x"));
        assertThrows(IllegalStateException.class, q::get);
        assertThrows(IllegalStateException.class, q::getNowait);
        assertThrows(IllegalStateException.class, q::size);
        assertThrows(IllegalStateException.class, () -> q.offer("x"));
        assertThrows(IllegalStateException.class, q::poll);
        assertThrows(IllegalStateException.class, q::iterator);
    }

    @Test
    void blockedGetIsInterruptible() throws Exception {
        assertInterruptible(q -> q.get());
        assertInterruptible(q -> q.take());
        assertInterruptible(q -> q.get(LONG));
    }

    @Test
    void blockedPutIsInterruptible() throws Exception {
        assertInterruptible(q -> {
            q.put("fill");
            q.put("blocks");
        });
        assertInterruptible(q -> {
            q.put("fill");
            q.put("blocks", LONG);
        });
    }

    private void assertInterruptible(Consumer<SharedQueue<String>> blocked) throws Exception {
        SharedQueue<String> q = mp.queue(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = thread(() -> {
            started.countDown();
            try {
                blocked.accept(q);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, flag.get());
    }

    @Test
    void serializedHandleIsTheSameQueue() throws Exception {
        SharedQueue<String> q = mp.queue();
        SharedQueue<String> copy = roundTrip(q);
        assertSame(q, copy);
        JoinableQueue<String> j = mp.joinableQueue();
        assertSame(j, roundTrip(j));
    }

    @Test
    void joinableQueueCountsTasks() {
        JoinableQueue<Integer> q = mp.joinableQueue();
        assertTrue(q.join(Duration.ZERO));
        q.put(1);
        q.put(2);
        assertFalse(q.join(SHORT));
        ChildProcess consumer = mp.process(() -> {
            for (int i = 0; i < 2; i++) {
                q.get();
                q.taskDone();
            }
        }).start();
        q.join();
        assertTrue(consumer.join(LONG));
        assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(q.join(Duration.ZERO));
    }

    @Test
    void joinableQueueDoesNotCountRefusedItems() {
        ThreadsJoinableQueue<Integer> q = (ThreadsJoinableQueue<Integer>) mp.<Integer>joinableQueue(1);
        q.put(1);
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertThrows(QueueFullException.class, () -> q.put(2, SHORT));
        assertFalse(q.offer(2));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertEquals(1, q.unfinishedTasks());
        q.get();
        q.taskDone();
        assertEquals(0, q.unfinishedTasks());
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void joinableJoinIsInterruptibleAndChecksTimeout() throws Exception {
        JoinableQueue<Integer> q = mp.joinableQueue();
        q.put(1);
        assertThrows(IllegalArgumentException.class, () -> q.join(Duration.ofSeconds(-1)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                q.join();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
    }

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() {
        SharedQueue<Integer> q = mp.queue(16);
        SharedQueue<Integer> out = mp.queue();
        int producers = 4;
        int each = 2_000;
        List<ChildProcess> ps = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            ps.add(mp.process(() -> {
                for (int i = 0; i < each; i++) {
                    q.put(base + i);
                }
            }).start());
        }
        for (int c = 0; c < 2; c++) {
            ps.add(mp.process(() -> {
                while (true) {
                    int v = q.get();
                    if (v < 0) {
                        return;
                    }
                    out.put(v);
                }
            }).start());
        }
        boolean[] seen = new boolean[producers * each];
        for (int i = 0; i < producers * each; i++) {
            int v = out.get(LONG);
            assertFalse(seen[v], "duplicate " + v);
            seen[v] = true;
        }
        q.put(-1);
        q.put(-1);
        for (ChildProcess p : ps) {
            assertTrue(p.join(LONG));
        }
        assertTrue(out.isEmpty());
    }

    @Test
    void bulkCollectionMethodsWork() {
        SharedQueue<Integer> q = mp.queue();
        q.addAll(List.of(1, 2, 3, 4, 5, 6));
        assertTrue(q.containsAll(List.of(2, 4)));
        assertFalse(q.containsAll(List.of(2, 9)));
        assertTrue(q.removeAll(List.of(1, 2)));
        assertTrue(q.retainAll(List.of(3, 4, 5)));
        assertTrue(q.removeIf(v -> v == 4));
        List<Integer> seen = new ArrayList<>();
        q.forEach(seen::add);
        assertEquals(List.of(3, 5), seen);
        assertEquals(8, q.stream().mapToInt(Integer::intValue).sum());
        assertFalse(q.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> q.addAll(q));
        assertTrue(q.toString().contains("size=2"), q.toString());
    }

    @Test
    void joinableQueueCountsBulkInserts() {
        ThreadsJoinableQueue<Integer> q = (ThreadsJoinableQueue<Integer>) mp.<Integer>joinableQueue();
        q.addAll(List.of(1, 2, 3));
        q.add(4);
        assertEquals(4, q.unfinishedTasks());
    }

    @Test
    void handleOfAQueueThatIsGoneFailsClearly() throws Exception {
        Class<?> ref = Class.forName(Handles.class.getName() + "$Ref");
        var ctor = ref.getDeclaredConstructor(long.class, String.class);
        ctor.setAccessible(true);
        Object dangling = ctor.newInstance(Long.MAX_VALUE, "ThreadsQueue");
        java.io.InvalidObjectException e = assertThrows(java.io.InvalidObjectException.class, () -> roundTrip(dangling));
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
    }
}
