package io.multiprocessing4j.posix.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.channel.SpinPolicy;
import io.multiprocessing4j.spi.shm.Words;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The adaptive spin and yield before a futex sleep ({@link Backoff}), and who uses it. */
class BackoffTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        arena.close();
    }

    private MemorySegment word() {
        return arena.allocate(16, 8);
    }

    @Test
    void aSlowPeerStopsTheYieldsButNotTheSpin() {
        MemorySegment s = word();
        Backoff b = new Backoff();
        int spinning = SpinPolicy.SEVERAL_CPUS ? 1 : 0;
        int waits = SpinPolicy.MISSES + SpinPolicy.RETRY_EVERY - 1;
        for (int i = 0; i < waits; i++) {
            assertFalse(b.awaitBriefly(s, 0, 0));
        }
        assertEquals(waits * spinning, b.spins(),
                "every wait spun (several CPUs): a peer asleep may answer quickly once both spin again");
        assertEquals(SpinPolicy.MISSES, b.yields(), "the yields stopped after the misses, on any CPU count");
        Words.setInt(s, 0, 1);
        assertTrue(b.awaitBriefly(s, 0, 0), "the next wait finds the change");
        assertEquals(1, b.spinHits() + b.yieldHits());
        assertEquals(0, b.yieldHits() * spinning, "with several CPUs the spin, tried first, found it");
    }

    @Test
    void aThreadPinnedToOneCpuStillSpinsWhenTheMachineHasSeveral() throws Exception {
        assumeTrue(SpinPolicy.SEVERAL_CPUS, "one CPU online: nothing to spin for");
        PosixSemaphore sem = PosixSemaphore.create(new ShmRef("test", word()), 0, false);
        int[] seen = join(onThreadPinnedTo(0, () -> {
            int cpus = Runtime.getRuntime().availableProcessors();
            boolean got = sem.acquire(Duration.ofMillis(1));
            return new int[] {cpus, got ? 1 : 0};
        }));
        assumeTrue(seen[0] == 1, "this JVM reports its pinned CPUs as " + seen[0]);
        assertEquals(0, seen[1], "nobody released");
        assertEquals(1, sem.backoff().spins(),
                "availableProcessors() says 1, but the peer may run on another CPU: spin anyway");
    }

    @Test
    void twoThreadsOnOneCpuHandOverByYieldingNotSleeping() throws Exception {
        PosixSemaphore ping = PosixSemaphore.create(new ShmRef("ping", word()), 0, false);
        PosixSemaphore pong = PosixSemaphore.create(new ShmRef("pong", word()), 0, false);
        int rounds = 2_000;
        CompletableFuture<int[]> echo = onThreadPinnedTo(0, () -> {
            for (int i = 0; i < rounds; i++) {
                if (!ping.acquire(BOUND)) {
                    return new int[] {i};
                }
                pong.release();
            }
            return new int[] {rounds};
        });
        int[] done = join(onThreadPinnedTo(0, () -> {
            for (int i = 0; i < rounds; i++) {
                ping.release();
                if (!pong.acquire(BOUND)) {
                    return new int[] {i};
                }
            }
            return new int[] {rounds};
        }));
        assertEquals(rounds, done[0], "every pong arrived");
        assertEquals(rounds, join(echo)[0], "every ping arrived");
        assertEquals(0, ping.value());
        assertEquals(0, pong.value());
        // The peer shares the CPU, so only a yield (or a time slice ending) lets it answer; without
        // the yield phase every one of these waits would sleep in futex. Lenient: the machine is shared.
        int yielded = ping.backoff().yieldHits() + pong.backoff().yieldHits();
        assertTrue(yielded >= rounds / 2, yielded + " of " + 2 * rounds + " waits ended in a yield");
        // A spin that a yield then beat counts as a miss: on a shared CPU the spin turns itself off
        // (tried again every 64th wait) instead of delaying the peer on each wait.
        int spun = ping.backoff().spins() + pong.backoff().spins();
        assertTrue(spun <= 2 * rounds / 4, spun + " of " + 2 * rounds + " waits spun");
    }

    @Test
    void eventMarksSleepersAndSetWakesThem() throws Exception {
        PosixEvent e = new PosixEvent(new ShmRef("event", word()));
        e.set();
        assertEquals(PosixEvent.SET, e.state(), "set without a waiter: nothing to wake");
        e.clear();
        assertEquals(PosixEvent.CLEAR, e.state());
        // Misses enough to switch spin and yield off: the next wait goes straight to sleep.
        for (int i = 0; i < SpinPolicy.MISSES; i++) {
            assertFalse(e.await(Duration.ofMillis(1)));
        }
        assertEquals(PosixEvent.SLEEPING, e.state(), "a waiter that slept leaves its mark");
        assertEquals(SpinPolicy.MISSES, e.backoff().yields());
        e.clear();
        assertEquals(PosixEvent.SLEEPING, e.state(), "clear keeps a sleeper's mark");
        assertFalse(e.isSet());

        CompletableFuture<String> waiterTid = new CompletableFuture<>();
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                waiterTid.complete(tid());
                waiter.complete(e.await(BOUND));
            } catch (Throwable t) {
                waiterTid.completeExceptionally(t);
                waiter.completeExceptionally(t);
            }
        });
        awaitAsleep(waiterTid.get(30, TimeUnit.SECONDS));
        assertFalse(waiter.isDone(), "nothing set yet");
        e.set();
        assertTrue(waiter.get(30, TimeUnit.SECONDS), "set woke the sleeper");
        assertTrue(e.isSet());
        e.clear();
        assertEquals(PosixEvent.CLEAR, e.state(), "set consumed the mark");
    }

    /**
     * Waits (bounded, polling) until the thread is asleep in the kernel, so that what follows tests
     * the wake-up rather than racing the waiter; if it is not asleep within the bound the test goes
     * on, and whatever happens must still be correct.
     */
    private static void awaitAsleep(String tid) throws IOException {
        Path stat = Path.of("/proc/self/task/" + tid + "/stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String s = Files.readString(stat);
            if (s.charAt(s.lastIndexOf(')') + 2) == 'S') {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Starts {@code body} on a new platform thread pinned to {@code cpu}, which then ends. */
    private static CompletableFuture<int[]> onThreadPinnedTo(int cpu, Supplier<int[]> body) {
        CompletableFuture<int[]> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                pinCurrentThread(cpu);
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** @return the body's result, within a bound; its assumption failures and errors as thrown */
    private static int[] join(CompletableFuture<int[]> f) throws Exception {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // TestAbortedException from an assumption, among others
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** @return the calling thread's Linux thread id */
    private static String tid() throws IOException {
        // "/proc/thread-self" links to "<pid>/task/<tid>" for the calling thread
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    private static void pinCurrentThread(int cpu) throws IOException, InterruptedException {
        String tid = tid();
        Process p;
        try {
            p = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // Pinning needs util-linux's taskset (present on the CI machines); without it the
            // pinned checks cannot be set up, so they are skipped rather than failed.
            throw new TestAbortedException("no taskset: " + e.getMessage(), e);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("taskset did not finish");
        }
        assumeTrue(p.exitValue() == 0, "taskset failed");
    }
}
