package io.multiprocessing4j.forkjvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.spi.ConnectionListener;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.serialization.Codec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contract details of the forkjvm objects, exercised by threads of one JVM (cheap; no child needed). */
class SharedPrimitivesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Context mp;

    @BeforeAll
    static void open() {
        mp = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0));
    }

    @AfterAll
    static void close() {
        mp.close();
    }

    private static <T> T copy(T handle) {
        @SuppressWarnings("unchecked")
        T t = (T) Codec.deserialize(Codec.serialize(handle));
        return t;
    }

    @Test
    void lockIsOwnerlessAndRefusesAnUnheldRelease() {
        SharedLock lock = mp.lock();
        assertThrows(IllegalStateException.class, lock::release);
        assertTrue(lock.acquire(Duration.ZERO));
        assertFalse(lock.acquire(Duration.ofMillis(20)), "not reentrant");
        SharedLock other = copy(lock);
        assertTrue(other.isLocked());
        other.release(); // anyone may release, as in Python
        assertFalse(lock.isLocked());
        assertFalse(lock.ownerDied());
    }

    @Test
    void rlockIsReentrantAndOwnedByOneThread() throws Exception {
        SharedRLock r = mp.rlock();
        r.acquire();
        r.acquire();
        assertEquals(2, r.holdCount());
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                r.release();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(other.get(20, TimeUnit.SECONDS) instanceof IllegalMonitorStateException);
        assertFalse(CompletableFuture.supplyAsync(() -> r.acquire(Duration.ofMillis(20))).get(20, TimeUnit.SECONDS));
        r.release();
        r.release();
        assertThrows(IllegalMonitorStateException.class, r::release);
    }

    @Test
    void boundedSemaphoreRefusesOverRelease() {
        SharedSemaphore s = mp.boundedSemaphore(1);
        assertThrows(IllegalStateException.class, s::release);
        assertTrue(s.acquire(Duration.ZERO));
        assertFalse(s.acquire(Duration.ofMillis(10)));
        s.release();
        assertEquals(1, s.value());
        SharedSemaphore u = mp.semaphore(0);
        u.release();
        u.release();
        assertEquals(2, u.value());
    }

    @Test
    void signalWakesAThreadThatWasWaitingNotTheSignallerWaitingNext() throws Exception {
        SharedCondition cond = mp.condition();
        SharedValue turn = mp.rawValue('i', 0);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> partner = CompletableFuture.supplyAsync(() -> {
            try (var held = cond.lock().held()) {
                waiting.countDown();
                while (turn.getInt() != 1) {
                    if (!cond.await(WAIT)) {
                        return false;
                    }
                }
                return true;
            }
        });
        assertTrue(waiting.await(20, TimeUnit.SECONDS));
        assertTimeoutPreemptively(WAIT, () -> {
            try (var held = cond.lock().held()) {
                // the partner counted itself as a waiter before releasing the lock we now hold
                turn.setInt(1);
                cond.signal();
                // once a signaller waiting at once could take its own token: the partner slept on
                assertFalse(cond.await(Duration.ofMillis(50)), "the signaller woke itself");
            }
        });
        assertTrue(partner.get(20, TimeUnit.SECONDS), "the partner was not woken");
    }

    @Test
    void conditionWaiterThatTimedOutTakesNoLaterSignal() throws Exception {
        SharedCondition cond = mp.condition();
        try (var held = cond.lock().held()) {
            assertFalse(cond.await(Duration.ofMillis(20)));
            cond.signal(); // nobody waits: no token is kept for a later waiter
            assertFalse(cond.await(Duration.ofMillis(20)));
            assertEquals("SharedCondition[waiters=0]", cond.toString());
        }
    }

    @Test
    void barrierBreaksForEveryWaiterOnTimeoutAndResets() throws Exception {
        SharedBarrier b = mp.barrier(3);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                b.await(WAIT);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTrue(waiting.await(20, TimeUnit.SECONDS));
        assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ofMillis(200)));
        assertTrue(first.get(20, TimeUnit.SECONDS) instanceof BarrierBrokenException);
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, () -> b.await(WAIT));
        b.reset();
        assertFalse(b.isBroken());
        SharedBarrier two = mp.barrier(2);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> two.await(WAIT));
        int mine = two.await(WAIT);
        assertEquals(1, mine + other.get(20, TimeUnit.SECONDS), "indexes are 1 and 0");
        two.abort();
        assertThrows(BarrierBrokenException.class, () -> two.await(WAIT));
    }

    @Test
    void barrierActionRunsOncePerGeneration() throws Exception {
        SharedValue runs = mp.value('i', 0);
        SharedBarrier b = mp.barrier(2, () -> runs.addAndGet(1), null);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> b.await(WAIT));
        b.await(WAIT);
        other.get(20, TimeUnit.SECONDS);
        assertEquals(1, runs.getInt());
    }

    @Test
    void valuesAndArraysCheckRangesAndTypes() {
        SharedValue v = mp.value('b', 0);
        assertThrows(IllegalArgumentException.class, () -> v.set(200));
        assertEquals(127, v.addAndGet(127));
        assertThrows(IllegalArgumentException.class, () -> v.addAndGet(1));
        assertEquals(127, v.getInt());
        assertTrue(v.compareAndSet(127, -5));
        assertFalse(v.compareAndSet(127, 0));
        SharedValue d = mp.value('d', 2.5);
        assertThrows(UnsupportedOperationException.class, () -> d.addAndGet(1));
        assertEquals(2.5, d.getDouble());
        SharedValue big = mp.value('I', 4_000_000_000L);
        assertThrows(IllegalStateException.class, big::getInt);
        assertThrows(IllegalStateException.class, () -> mp.rawValue('i', 1).getLock());
        SharedArray a = mp.array('c', "Hello".getBytes());
        assertArrayEquals("Hello".getBytes(), a.value());
        a.value("Hi".getBytes());
        assertArrayEquals("Hi".getBytes(), a.value());
        assertThrows(IllegalArgumentException.class, () -> a.value("Too long".getBytes()));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(5));
        SharedArray copy = copy(mp.array('i', new int[] {1, 2, 3}));
        assertArrayEquals(new long[] {1, 2, 3}, copy.toLongArray());
        assertEquals(12, copy.segment().byteSize());
        assertThrows(IllegalStateException.class, () -> mp.array('i', 2).value());
    }

    @Test
    void queueFollowsBlockingQueueAndPythonRules() {
        SharedQueue<String> q = mp.queue(2);
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(SerializationException.class, () -> ((SharedQueue<Object>) (SharedQueue<?>) q).put(new Object()));
        q.put("a");
        assertTrue(q.offer("b"));
        assertTrue(q.full());
        assertFalse(q.offer("c"));
        assertThrows(QueueFullException.class, () -> q.putNowait("c"));
        assertThrows(QueueFullException.class, () -> q.put("c", Duration.ofMillis(20)));
        assertThrows(IllegalStateException.class, () -> q.add("c"));
        assertEquals("a", q.peek());
        assertEquals(2, q.qsize());
        assertEquals(List.of("a", "b"), new ArrayList<>(q));
        assertEquals("a", q.take());
        List<String> drained = new ArrayList<>();
        assertEquals(1, q.drainTo(drained));
        assertEquals(List.of("b"), drained);
        assertNull(q.poll());
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
        assertThrows(IllegalStateException.class, q::joinThread);
        q.close();
        q.joinThread();
        assertThrows(IllegalStateException.class, () -> q.put("x"));
    }

    @Test
    void queueCarriesLargeItemsAndManySmallOnes() {
        SharedQueue<byte[]> q = mp.queue();
        byte[] big = new byte[3 << 20];
        big[big.length - 1] = 9;
        q.put(big);
        for (int i = 0; i < 20_000; i++) {
            q.put(new byte[] {(byte) i});
        }
        assertEquals(9, q.get(WAIT)[big.length - 1]);
        for (int i = 0; i < 20_000; i++) {
            assertEquals((byte) i, q.get(WAIT)[0]);
        }
        assertTrue(q.empty());
    }

    @Test
    void joinableQueueJoinsWhenEveryTaskIsDone() {
        JoinableQueue<Integer> q = mp.joinableQueue();
        q.put(1);
        q.put(2);
        assertFalse(q.join(Duration.ofMillis(20)));
        q.get();
        q.taskDone();
        q.get();
        q.taskDone();
        assertTrue(q.join(WAIT));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void messagesSentBeforeTheCloseArriveBeforeEndOfStream() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20; i++) {
                Pipe p = mp.pipe();
                p.right().send("last");
                p.right().close();
                assertEquals("last", p.left().recv(WAIT));
                assertThrows(ConnectionEOFException.class, () -> p.left().recv(WAIT));
            }
        });
    }

    @Test
    void connectionsCheckDirectionSizeAndTimeouts() {
        Pipe oneWay = mp.pipe(false);
        assertThrows(IllegalStateException.class, () -> oneWay.left().send("x"));
        assertThrows(IllegalStateException.class, () -> oneWay.right().recv());
        assertFalse(oneWay.left().readable() && oneWay.left().writable());
        Pipe p = mp.pipe();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertFalse(p.left().poll());
            assertThrows(OperationTimeoutException.class, () -> p.left().recv(Duration.ofMillis(50)));
            p.right().sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            byte[] small = new byte[2];
            BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> p.left().recvBytesInto(small));
            assertArrayEquals(new byte[] {2, 3, 4}, e.messageBytes());
            p.right().sendBytes(new byte[] {7});
            byte[] buf = new byte[4];
            assertEquals(1, p.left().recvBytesInto(buf, 3));
            assertEquals(7, buf[3]);
            assertThrows(SerializationException.class, () -> p.right().send(new Object()));
            p.right().send(List.of("still", "works"));
            assertEquals(List.of("still", "works"), p.left().recv(WAIT));
            p.right().close();
            assertThrows(IllegalStateException.class, () -> p.right().send("x"));
            assertThrows(ConnectionEOFException.class, () -> p.left().recv(WAIT));
        });
    }

    @Test
    void listenerAndClientAuthenticateWithTheContextKey() throws Exception {
        ConnectionProvider provider = (ConnectionProvider) mp;
        try (ConnectionListener l = provider.listen();
                Context other = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0))) {
            CompletableFuture<io.multiprocessing4j.Connection> accepted = CompletableFuture.supplyAsync(l::accept);
            assertThrows(io.multiprocessing4j.AuthenticationException.class,
                    () -> ((ConnectionProvider) other).connect(l.address()));
            try (var client = provider.connect(l.address()); var server = accepted.get(20, TimeUnit.SECONDS)) {
                client.send("ping");
                assertEquals("ping", server.recv(WAIT));
                assertThrows(SerializationException.class, () -> Codec.serialize(server));
            }
        }
    }

    @Test
    void blocksAttachByNameFromAnotherContextAndRefuseForeignNames() {
        try (Context other = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0))) {
            io.multiprocessing4j.SharedMemoryBlock block = mp.sharedMemory(64);
            block.segment().set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 77);
            try (io.multiprocessing4j.SharedMemoryBlock view = other.attachSharedMemory(block.name())) {
                assertEquals(77, view.segment().get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
                assertEquals(64, view.size());
            }
            block.unlink();
            assertThrows(IllegalArgumentException.class, () -> other.attachSharedMemory(block.name()));
            assertThrows(IllegalArgumentException.class, () -> other.attachSharedMemory("../etc/passwd"));
            assertThrows(IllegalArgumentException.class, () -> other.attachSharedMemory("psm_123"));
        }
    }
}
