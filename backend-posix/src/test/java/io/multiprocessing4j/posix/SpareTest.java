package io.multiprocessing4j.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.posix.context.PosixContext;
import io.multiprocessing4j.spi.launch.ChildBootstrap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Spare child JVMs: spawned ahead, handed a process at start(), killed at close. */
class SpareTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static PosixContext open(int spares) {
        return (PosixContext) Multiprocessing.context("posix", ContextOptions.DEFAULTS.withSpareProcesses(spares));
    }

    @Test
    void aProcessStartedOnASpareGetsItsArgumentsExitCodeAndOutput() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            PrintStream saved = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            String word = "arg-" + UUID.randomUUID();
            try (PosixContext mp = open(1)) {
                assertTrue(mp.has(Capability.SPARE_PROCESSES));
                assertTrue(mp.awaitSpares(BOUND), "no spare was spawned");
                List<Long> spares = mp.sparePids();
                assertEquals(1, spares.size(), spares::toString);
                SharedQueue<String> q = mp.queue();
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                ChildProcess c = mp.process(() -> {
                    System.out.println("out:" + word);
                    q.put(word.toUpperCase());
                    Multiprocessing.exit(4);
                }).start();
                assertEquals(spares.getFirst(), c.pid(), "the process did not run on the spare");
                assertEquals(word.toUpperCase(), q.get(BOUND));
                assertTrue(c.join(BOUND), "the child did not end");
                assertEquals(4, c.exitCode());
            } finally {
                System.setOut(saved);
            }
            assertTrue(captured.toString(StandardCharsets.UTF_8).contains("out:" + word), captured::toString);
        });
    }

    @Test
    void aProcessWhoseArgumentsHoldAPipeEndStartsColdAndGetsIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            try (PosixContext mp = open(1)) {
                assertTrue(mp.awaitSpares(BOUND), "no spare was spawned");
                List<Long> spares = mp.sparePids();
                Pipe p = mp.pipe(false);
                Connection tx = p.right();
                ChildProcess c = mp.process(() -> tx.send("through the pipe")).start();
                assertFalse(spares.contains(c.pid()), "a spare cannot hold a pipe end made after it was spawned");
                assertEquals("through the pipe", p.left().recv(BOUND));
                assertTrue(c.join(BOUND), "the child did not end");
                assertEquals(0, c.exitCode());
                assertEquals(spares, mp.sparePids(), "the spare is still waiting");
            }
        });
    }

    @Test
    void closingTheContextKillsAndReapsEverySpare() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            List<Long> spares;
            try (PosixContext mp = open(2)) {
                assertTrue(mp.awaitSpares(BOUND), "the spares were not spawned");
                spares = mp.sparePids();
                assertEquals(2, spares.size(), spares::toString);
                for (long pid : spares) {
                    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "spare " + pid);
                }
            }
            for (long pid : spares) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "spare " + pid + " leaked");
            }
            assertEquals(List.of(), ProcessHandle.current().children()
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains(ChildBootstrap.INHERITED_CONTROL))
                            .orElse(false))
                    .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(), "child JVMs left running");
        });
    }

    @Test
    void zeroSparesTurnsThemOff() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (PosixContext mp = open(0)) {
                assertFalse(mp.has(Capability.SPARE_PROCESSES));
                assertFalse(mp.awaitSpares(Duration.ofMillis(10)));
                ChildProcess c = mp.process(() -> Multiprocessing.exit(2)).start();
                assertTrue(c.join(BOUND), "the child did not end");
                assertEquals(2, c.exitCode());
                assertEquals(List.of(), mp.sparePids());
            }
        });
    }
}
