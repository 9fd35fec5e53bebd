package io.multiprocessing4j.forkjvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.TypeCode;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every IPC type used between JVMs. */
class CrossProcessIpcTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Context mp;

    @BeforeAll
    static void open() {
        mp = Multiprocessing.context("forkjvm");
    }

    @AfterAll
    static void close() {
        mp.close();
    }

    private static void joinAll(List<ChildProcess> ps) {
        for (ChildProcess p : ps) {
            assertTrue(p.join(WAIT), p + " did not end in time");
            assertEquals(0, p.exitCode(), p + " failed");
        }
    }

    @Test
    void lockedCounterAndAtomicCounterAreExactAcrossTwoJvms() {
        int n = 3000;
        SharedValue counter = mp.value(TypeCode.INT, 0);
        SharedValue atomic = mp.value('q', 0L);
        SharedArray array = mp.array('i', 2);
        SharedLock lock = mp.lock();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<ChildProcess> ps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int slot = i;
                ps.add(mp.process(() -> {
                    for (int k = 0; k < n; k++) {
                        try (var held = lock.held()) {
                            counter.setInt(counter.getInt() + 1);
                        }
                        atomic.addAndGet(1);
                        try (var held = array.getLock().held()) {
                            array.setInt(slot, array.getInt(slot) + 1);
                        }
                    }
                }).start());
            }
            joinAll(ps);
        });
        assertEquals(2 * n, counter.getInt());
        assertEquals(2L * n, atomic.getLong());
        assertArrayEquals(new long[] {n, n}, array.toLongArray());
    }

    @Test
    void queueWithThreeProducersAndTwoConsumersDeliversEachItemOnce() {
        int n = 400;
        SharedQueue<Integer> work = mp.queue(50);
        SharedQueue<List<Integer>> results = mp.queue();
        assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
            List<ChildProcess> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(mp.process(() -> {
                    List<Integer> got = new ArrayList<>();
                    for (Integer item; (item = work.get(WAIT)) >= 0; ) {
                        got.add(item);
                    }
                    results.put(got);
                }).start());
            }
            List<ChildProcess> producers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int base = p * n;
                producers.add(mp.process(() -> {
                    for (int i = 0; i < n; i++) {
                        work.put(base + i);
                    }
                }).start());
            }
            joinAll(producers);
            work.put(-1);
            work.put(-1);
            Set<Integer> seen = new HashSet<>();
            int total = 0;
            for (int c = 0; c < 2; c++) {
                List<Integer> got = results.get(WAIT);
                total += got.size();
                seen.addAll(got);
            }
            joinAll(consumers);
            assertEquals(3 * n, total, "no item duplicated");
            assertEquals(3 * n, seen.size(), "no item lost");
            assertTrue(work.empty());
        });
    }

    @Test
    void pipeTalksBothWaysAndSignalsEofWhenTheChildDies() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Pipe pipe = mp.pipe();
            Connection child = pipe.right();
            ChildProcess p = mp.process(() -> {
                int x = child.recv();
                child.send(x * 2);
                byte[] big = new byte[300_000];
                big[299_999] = 7;
                child.sendBytes(big);
                child.send("up");
                new java.util.concurrent.CountDownLatch(1).await();
            }).start();
            child.close(); // the parent's copy, as in Python: end of stream comes once the child's is gone
            pipe.left().send(21);
            assertEquals(42, (int) pipe.left().recv(WAIT));
            byte[] big = pipe.left().recvBytes();
            assertEquals(300_000, big.length);
            assertEquals(7, big[299_999]);
            assertEquals("up", pipe.left().recv(WAIT));
            p.kill();
            assertTrue(p.join(WAIT));
            assertTrue(pipe.left().poll(WAIT), "end of stream is readable");
            assertThrows(ConnectionEOFException.class, () -> pipe.left().recv(WAIT));
        });
    }

    @Test
    void synchronisationPrimitivesWorkBetweenJvms() {
        SharedEvent go = mp.event();
        SharedSemaphore sem = mp.semaphore(0);
        SharedBarrier barrier = mp.barrier(3);
        SharedRLock rlock = mp.rlock();
        SharedCondition cond = mp.condition(rlock);
        SharedValue stage = mp.value('i', 0);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<ChildProcess> ps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ps.add(mp.process(() -> {
                    if (!go.await(WAIT)) {
                        throw new IllegalStateException("event never set");
                    }
                    sem.release();
                    barrier.await(WAIT);
                    try (var held = rlock.held()) {
                        if (!cond.waitFor(() -> stage.getInt() >= 1, WAIT)) {
                            throw new IllegalStateException("condition never signalled");
                        }
                        stage.addAndGet(10);
                    }
                }).start());
            }
            go.set();
            assertTrue(sem.acquire(WAIT));
            assertTrue(sem.acquire(WAIT));
            barrier.await(WAIT);
            try (var held = rlock.held()) {
                stage.setInt(1);
                cond.signalAll();
            }
            joinAll(ps);
            assertEquals(21, stage.getInt());
        });
    }

    @Test
    void lockHeldByADeadProcessIsRecoveredAndReported() {
        SharedLock lock = mp.lock();
        SharedEvent held = mp.event();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            ChildProcess p = mp.process(() -> {
                lock.acquire();
                held.set();
                Runtime.getRuntime().halt(3); // die holding it
            }).start();
            assertTrue(held.await(WAIT));
            assertTrue(p.join(WAIT));
            assertEquals(3, p.exitCode());
            assertTrue(lock.isLocked());
            assertTrue(lock.acquire(Duration.ofSeconds(10)), "the dead holder's lock is recovered");
            assertTrue(lock.ownerDied());
            lock.release();
            assertFalse(lock.ownerDied());
            assertFalse(lock.isLocked());
        });
    }

    @Test
    void sharedMemoryBlockIsAttachedByNameInTheChild() {
        SharedMemoryBlock block = mp.sharedMemory(4096);
        String name = block.name();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            ChildProcess p = mp.process(() -> {
                try (SharedMemoryBlock b = Multiprocessing.currentProcess() != null
                        ? io.multiprocessing4j.spi.ProcessScope.current().context().attachSharedMemory(name) : null) {
                    b.segment().set(ValueLayout.JAVA_LONG, 8, 0x1234_5678L);
                }
            }).start();
            joinAll(List.of(p));
        });
        assertEquals(0x1234_5678L, block.segment().get(ValueLayout.JAVA_LONG, 8));
        block.close();
        assertThrows(IllegalStateException.class, block::segment);
        block.unlink();
        assertThrows(IllegalStateException.class, block::unlink);
        assertThrows(IllegalArgumentException.class, () -> mp.attachSharedMemory(name));
    }
}
