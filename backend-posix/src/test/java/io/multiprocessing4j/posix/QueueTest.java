package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        mp.close();
    }

    record Point(int x, int y) implements java.io.Serializable {
    }

    @Test
    void itemsOfEveryKindComeOutInOrder() {
        SharedQueue<Object> q = mp.queue();
        List<Object> items = List.of("text ünïcödé", 42, 7L, 2.5, true, (short) 3, (byte) -1, 'c', 1.5f,
                new Point(1, 2), List.of(1, 2, 3), Map.of("k", "v"), "");
        items.forEach(q::put);
        q.put(new byte[] {1, 2, 3});
        assertEquals(items.size() + 1, q.qsize());
        for (Object expected : items) {
            assertEquals(expected, q.get());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) q.get());
        assertTrue(q.empty());
    }

    @Test
    void nullAndUnserializableItemsAreRefusedAtPut() {
        SharedQueue<Object> q = mp.queue();
        assertThrows(NullPointerException.class, () -> q.put(null));
        SerializationException e = assertThrows(SerializationException.class, () -> q.put(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(q.empty());
    }

    @Test
    void itemsAreSerializedAtPut() {
        SharedQueue<List<String>> q = mp.queue();
        List<String> mutable = new ArrayList<>(List.of("a"));
        q.put(mutable);
        mutable.add("b");
        assertEquals(List.of("a"), q.get());
    }

    @Test
    void boundedQueueBlocksAndTimesOut() throws Exception {
        SharedQueue<Integer> q = mp.queue(2);
        assertEquals(2, q.maxsize());
        q.putNowait(1);
        q.put(2, Duration.ZERO);
        assertTrue(q.full());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ofMillis(50)));
        assertFalse(q.offer(3));
        assertThrows(IllegalStateException.class, () -> q.add(3));
        assertEquals(0, q.remainingCapacity());
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> q.put(3, BOUND));
        assertEquals(1, q.get());
        blocked.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(2, 3), List.of(q.get(), q.get()));
    }

    @Test
    void emptyQueueTimesOutAndWakesOnPut() throws Exception {
        SharedQueue<String> q = mp.queue();
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(50)));
        assertNull(q.poll());
        assertNull(q.poll(10, TimeUnit.MILLISECONDS));
        assertNull(q.peek());
        assertThrows(NoSuchElementException.class, q::element);
        assertThrows(NoSuchElementException.class, q::remove);
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> q.get(BOUND));
        q.put("hello");
        assertEquals("hello", waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void longItemsSpillAndLeaveNothingBehind() {
        SharedQueue<Object> q = mp.queue();
        byte[] big = new byte[2 << 20]; // beyond the ring's 1 MiB inline limit
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        String text = "ü".repeat(50_000); // 100 kB: in the ring
        q.put(big);
        q.put(text);
        q.put("small");
        String queueName = mp.owner().createdNames().get(0);
        assertTrue(ShmFiles.ours().stream().anyMatch(n -> n.startsWith(queueName + "-s")), "spilled");
        assertArrayEquals(big, (byte[]) q.get());
        assertEquals(text, q.get());
        assertEquals("small", q.get());
        assertFalse(ShmFiles.ours().stream().anyMatch(n -> n.startsWith(queueName + "-s")), "spills unlinked when taken");
    }

    @Test
    void theRingGrowsForAnUnboundedQueueAndUpToMaxsize() {
        SharedQueue<Integer> q = mp.queue();
        for (int i = 0; i < 1000; i++) {
            q.putNowait(i); // an unbounded queue never refuses
        }
        assertEquals(1000, q.qsize());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, q.getNowait());
        }
        SharedQueue<Integer> bounded = mp.queue(300);
        for (int i = 0; i < 300; i++) {
            bounded.putNowait(i);
        }
        assertThrows(QueueFullException.class, () -> bounded.putNowait(300));
        assertEquals(0, bounded.getNowait());
        bounded.putNowait(300);
        assertEquals(1, bounded.getNowait());
    }

    @Test
    void blockingQueueMethods() throws Exception {
        SharedQueue<String> q = mp.queue();
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b", 1, TimeUnit.SECONDS));
        assertTrue(q.add("c"));
        assertEquals("a", q.peek());
        assertEquals("a", q.element());
        assertTrue(q.contains("b"));
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(q));
        assertArrayEquals(new Object[] {"a", "b", "c"}, q.toArray());
        assertEquals(3, q.size());
        assertEquals(Integer.MAX_VALUE, q.remainingCapacity());
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        List<String> out = new ArrayList<>();
        assertEquals(1, q.drainTo(out, 1));
        assertEquals("b", q.remove());
        assertEquals("c", q.take());
        q.addAll(List.of("x", "y"));
        assertEquals(2, q.drainTo(out));
        assertEquals(List.of("a", "x", "y"), out);
        q.put("z");
        q.clear();
        assertTrue(q.isEmpty());
        q.put("z");
        assertThrows(UnsupportedOperationException.class, () -> q.remove("z"), "the snapshot iterator cannot remove");
    }

    @Test
    void closeRefusesFurtherCallsOfThisHandle() {
        SharedQueue<String> q = mp.queue();
        q.put("kept");
        SharedQueue<String> other = JvmChild.decode(JvmChild.encode(q));
        assertThrows(IllegalStateException.class, q::joinThread);
        q.close();
        q.close();
        q.joinThread();
        assertThrows(IllegalStateException.class, () -> q.put("x"));
        assertThrows(IllegalStateException.class, q::get);
        assertEquals("kept", other.get(), "items already put are delivered");
    }

    @Test
    void joinableQueueCountsTasks() throws Exception {
        JoinableQueue<String> q = mp.joinableQueue();
        assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(q.join(Duration.ZERO));
        q.put("a");
        q.put("b");
        assertFalse(q.join(Duration.ofMillis(30)));
        CompletableFuture<Boolean> joiner = CompletableFuture.supplyAsync(() -> q.join(BOUND));
        q.get();
        q.taskDone();
        assertFalse(joiner.isDone() && joiner.get(), "one task is still unfinished");
        q.get();
        q.taskDone();
        assertTrue(joiner.get(30, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void interruptsEndBlockedCalls() throws Exception {
        SharedQueue<String> q = mp.queue();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                q.get();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.interrupt();
        assertTrue(t.join(BOUND));
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.poll(10, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
    }

    @Test
    void closingTheContextRemovesQueuesRingsAndSpills() {
        PosixContext other = new PosixContext(ContextOptions.DEFAULTS);
        SharedQueue<Object> q = other.queue();
        for (int i = 0; i < 2000; i++) {
            q.put(i); // 16-byte records: grows the 16 KiB ring twice
        }
        q.put(new byte[2 << 20]); // a spill nobody took
        String name = other.owner().createdNames().get(0);
        assertTrue(ShmFiles.ours().stream().filter(n -> n.startsWith(name)).count() >= 3);
        other.close();
        assertTrue(ShmFiles.ours().stream().noneMatch(n -> n.startsWith(name)), ShmFiles.ours().toString());
    }
}
