package io.multiprocessing4j.forkjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Nothing is left behind: processes, socket files, shared-memory files; orphans exit. */
class LifetimeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static List<Path> ours(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void closingTheContextLeavesNoProcessSocketOrSharedMemoryBehind() throws Exception {
        ForkJvmContext mp = (ForkJvmContext) Multiprocessing.context("forkjvm",
                ContextOptions.DEFAULTS.withSpareProcesses(1));
        String prefix = ShmFiles.PREFIX + ProcessHandle.current().pid() + "-";
        Path shm = mp.sharedMemoryDirectory();
        Path sockets = mp.socketDirectory();
        ProcessHandle child;
        try {
            SharedQueue<String> q = mp.queue();
            mp.lock();
            mp.value('d', 1.5);
            mp.array('i', 10);
            mp.barrier(2);
            mp.sharedMemory(100); // forgotten: unlinked with a warning at close
            Pipe pipe = mp.pipe();
            Connection right = pipe.right();
            mp.listen();
            ChildProcess p = mp.process(() -> {
                right.send("hello");
                q.put("x");
                new CountDownLatch(1).await();
            }).start();
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                assertEquals("hello", pipe.left().recv(WAIT));
                assertEquals("x", q.get(WAIT));
            });
            child = ProcessHandle.of(p.pid()).orElseThrow();
            assertFalse(ours(shm, prefix).isEmpty());
            assertTrue(Files.isDirectory(sockets));
        } finally {
            mp.close();
        }
        assertTrue(child.onExit().get(30, TimeUnit.SECONDS) != null);
        assertFalse(child.isAlive());
        assertFalse(Files.exists(sockets), "socket directory removed");
        String contextId = sockets.getFileName().toString().split("-")[3];
        assertEquals(List.of(), ours(shm, prefix + contextId), "shared-memory files removed");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive)) {
                ProcessHandle.current().children().forEach(h -> h.onExit().join());
            }
        });
    }

    @Test
    void daemonChildExitsWhenItsParentDiesAbruptly() {
        try (Context mp = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0))) {
            Pipe pipe = mp.pipe(false);
            Connection tx = pipe.right();
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                ChildProcess middle = mp.process(() -> {
                    Context inner = io.multiprocessing4j.spi.ProcessScope.current().context();
                    ChildProcess daemon = inner.process(() -> new CountDownLatch(1).await()).daemon(true).start();
                    tx.send(daemon.pid());
                    Runtime.getRuntime().halt(9); // the parent dies without any clean-up
                }).start();
                long daemonPid = pipe.left().recv(WAIT);
                assertTrue(middle.join(WAIT));
                ProcessHandle h = ProcessHandle.of(daemonPid).orElse(null);
                if (h != null) {
                    long t0 = System.nanoTime();
                    h.onExit().get(20, TimeUnit.SECONDS);
                    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
                }
                assertFalse(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false),
                        "the orphaned daemon exited");
            });
        }
    }

    @Test
    void aChildJoinsItsNonDaemonChildrenAndTerminatesItsDaemonsWhenItEnds() {
        try (Context mp = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(0))) {
            io.multiprocessing4j.SharedEvent release = mp.event();
            Pipe pipe = mp.pipe(false);
            Connection tx = pipe.right();
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                ChildProcess middle = mp.process(() -> {
                    Context inner = io.multiprocessing4j.spi.ProcessScope.current().context();
                    ChildProcess worker = inner.process(() -> {
                        if (!release.await(WAIT)) {
                            throw new IllegalStateException("never released");
                        }
                    }).start();
                    ChildProcess daemon = inner.process(() -> new CountDownLatch(1).await()).daemon(true).start();
                    tx.send(worker.pid());
                    tx.send(daemon.pid());
                }).start();
                long workerPid = pipe.left().recv(WAIT);
                long daemonPid = pipe.left().recv(WAIT);
                assertFalse(middle.join(Duration.ofMillis(300)), "waits for its non-daemon child");
                release.set();
                assertTrue(middle.join(WAIT));
                assertEquals(0, middle.exitCode());
                for (long pid : new long[] {workerPid, daemonPid}) {
                    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                }
            });
        }
    }

    @Test
    void aSpareJvmRunsTheNextProcess() throws Exception {
        try (Context c = Multiprocessing.context("forkjvm", ContextOptions.DEFAULTS.withSpareProcesses(1))) {
            ForkJvmContext mp = (ForkJvmContext) c;
            assertTrue(mp.has(io.multiprocessing4j.Capability.SPARE_PROCESSES));
            assertTrue(mp.awaitSpares(Duration.ofSeconds(60)), "a spare JVM was started at open");
            List<Long> spares = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
            ChildProcess p = mp.process(() -> { }).start();
            assertTrue(spares.contains(p.pid()), "the process ran in the spare JVM");
            assertTrue(p.join(WAIT));
            assertEquals(0, p.exitCode());
        }
    }
}
