package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FutexTest {
    private static final long WAITER_BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

    private SharedMapping mapping;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void map() {
        mapping = SharedMapping.create(4096);
    }

    @AfterEach
    void unmap() {
        executor.shutdownNow();
        mapping.close();
        mapping.unlink();
    }

    @Test
    void waitTimesOutWhenNobodyWakes() {
        long start = System.nanoTime();
        assertEquals(Futex.WaitResult.TIMED_OUT,
                Futex.wait(mapping.segment(), 0, 0, TimeUnit.MILLISECONDS.toNanos(50)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "woke before the timeout");
    }

    @Test
    void waitReturnsAtOnceWhenTheValueDiffers() {
        mapping.segment().set(JAVA_INT, 8, 5);
        assertEquals(Futex.WaitResult.VALUE_CHANGED, Futex.wait(mapping.segment(), 8, 4, WAITER_BOUND_NANOS));
    }

    @Test
    void wakeWithNoWaiterWakesNobody() {
        assertEquals(0, Futex.wake(mapping.segment(), 0, Integer.MAX_VALUE));
    }

    @Test
    void wakeThroughAnotherMappingWakesAWaiter() throws Exception {
        // A second mapping of the same object sits at another address, as it would in another
        // process: a shared futex must still meet on the same word.
        try (SharedMapping other = SharedMapping.attach(mapping.name())) {
            CountDownLatch started = new CountDownLatch(1);
            Future<Futex.WaitResult> waiter = executor.submit(() -> {
                started.countDown();
                return Futex.wait(mapping.segment(), 64, 0, WAITER_BOUND_NANOS);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            // Wake until the kernel reports one sleeper woken: a wake sent before the waiter
            // sleeps wakes nobody, so retry it (bounded) rather than guess with a sleep.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int woken = 0;
            while (woken == 0 && System.nanoTime() < deadline) {
                woken = Futex.wake(other.segment(), 64, 1);
                if (woken == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            assertEquals(1, woken, "the waiter never went to sleep on the word");
            assertEquals(Futex.WaitResult.WOKEN, waiter.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingTheMappingIsNotBlockedByASleepingWaiter() throws Exception {
        SharedMapping second = SharedMapping.attach(mapping.name());
        long word = second.segment().address();
        Future<Futex.WaitResult> waiter = executor.submit(
                () -> Futex.wait(second.segment(), 0, 0, WAITER_BOUND_NANOS));
        awaitSleepingInFutex(word);
        second.close(); // must neither throw nor wait, although a thread sleeps on its memory
        assertThrows(IllegalStateException.class, () -> second.segment().get(JAVA_INT, 0));
        // The sleeper still holds the kernel's reference to the object: a wake through the
        // other mapping reaches it, and it returns without touching the unmapped memory.
        assertEquals(1, Futex.wake(mapping.segment(), 0, 1));
        assertEquals(Futex.WaitResult.WOKEN, waiter.get(10, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> Futex.wait(second.segment(), 0, 0, 0));
    }

    /**
     * Waits (bounded) until some thread of ours is inside the futex system call on {@code address},
     * as {@code /proc/self/task/<tid>/syscall} shows: "number arg1 arg2 ..." in hex.
     */
    private static void awaitSleepingInFutex(long address) throws IOException {
        String wanted = Platform.arch().sysFutex() + " 0x" + Long.toHexString(address) + " ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("syscall")).startsWith(wanted)) {
                            return;
                        }
                    } catch (IOException threadEnded) {
                        // the task went away while we listed
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new AssertionError("no thread went to sleep in futex on 0x" + Long.toHexString(address));
    }

    @Test
    void misalignedOrOutOfBoundsWordsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Futex.wait(mapping.segment(), 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Futex.wake(mapping.segment(), 4094, 1));
        assertThrows(IllegalArgumentException.class, () -> Futex.wake(mapping.segment(), -4, 1));
        assertThrows(IllegalArgumentException.class, () -> Futex.wake(mapping.segment(), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Futex.wake(java.lang.foreign.MemorySegment.ofArray(new int[4]), 0, 1));
    }
}
