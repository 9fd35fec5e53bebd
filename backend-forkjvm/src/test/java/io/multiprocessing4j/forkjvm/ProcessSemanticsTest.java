package io.multiprocessing4j.forkjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Process semantics of the forkjvm backend: exit codes, output, identity, spawn isolation. */
class ProcessSemanticsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    static int staticCounter;
    private static Context mp;

    @BeforeAll
    static void open() {
        mp = Multiprocessing.context("forkjvm");
    }

    @AfterAll
    static void close() {
        mp.close();
    }

    private static ChildProcess run(ChildProcess p) {
        p.start();
        assertTrue(p.join(WAIT), "child did not end in time");
        return p;
    }

    @Test
    void exitCodesFollowPython() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            ChildProcess ok = mp.process(() -> { }).start();
            ChildProcess fails = mp.process(() -> {
                throw new IllegalStateException("boom in child");
            }).start();
            ChildProcess exits = mp.process(() -> Multiprocessing.exit(7)).start();
            ChildProcess wraps = mp.process(() -> Multiprocessing.exit(256 + 3)).start();
            for (ChildProcess p : List.of(ok, fails, exits, wraps)) {
                assertTrue(p.join(WAIT));
            }
            assertEquals(0, ok.exitCode());
            assertEquals(1, fails.exitCode());
            assertEquals(7, exits.exitCode());
            assertEquals(3, wraps.exitCode());
        });
    }

    @Test
    void terminateAndKillReportSignals() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Pipe ready = mp.pipe();
            Connection tx = ready.right();
            ChildProcess t = mp.process(() -> {
                tx.send("up");
                new CountDownLatch(1).await();
            }).start();
            ChildProcess k = mp.process(() -> {
                tx.send("up");
                new CountDownLatch(1).await();
            }).start();
            assertEquals("up", ready.left().recv(WAIT));
            assertEquals("up", ready.left().recv(WAIT));
            assertFalse(t.join(Duration.ofMillis(50)), "join(timeout) returns false while running");
            assertTrue(t.isAlive());
            assertNullExit(t);
            t.terminate();
            k.kill();
            assertTrue(t.join(WAIT));
            assertTrue(k.join(WAIT));
            assertEquals(-15, t.exitCode());
            assertEquals(-9, k.exitCode());
            t.terminate(); // a finished process: nothing happens
            assertEquals(-15, t.exitCode());
        });
    }

    private static void assertNullExit(ChildProcess p) {
        assertEquals(null, p.exitCode());
    }

    @Test
    void childOutputReachesTheParentsStreamsBeforeJoinReturns() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                run(mp.process(() -> {
                    System.out.println("hello from the child");
                    System.err.println("oops from the child");
                }));
                run(mp.process(() -> {
                    throw new IllegalArgumentException("trace me");
                }).name("Failing"));
            });
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("hello from the child"), o);
        assertTrue(e.contains("oops from the child"), e);
        assertTrue(e.contains("Process Failing:") && e.contains("IllegalArgumentException: trace me"), e);
    }

    @Test
    void linesOfConcurrentChildrenDoNotInterleave() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                List<ChildProcess> ps = List.of(
                        mp.process(() -> printLines("a")).start(), mp.process(() -> printLines("b")).start());
                for (ChildProcess p : ps) {
                    assertTrue(p.join(WAIT));
                }
            });
        } finally {
            System.setOut(oldOut);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(400, lines.size(), "every line arrived");
        for (String line : lines) {
            assertTrue(line.matches("Task [ab] line [0-9]+ of 200 done\\."), "a line was split: " + line);
        }
    }

    private static void printLines(String who) {
        for (int i = 0; i < 200; i++) {
            System.out.printf("Task %s line %d of %d done.%n", who, i, 200); // printf writes its pieces separately
        }
    }

    @Test
    void childIsAFreshJvmThatKnowsItsNameAndParent() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            staticCounter = 42;
            Pipe pipe = mp.pipe(false);
            Connection tx = pipe.right();
            ChildProcess p = run(mp.process(() -> {
                tx.send(Multiprocessing.currentProcess());
                tx.send(Multiprocessing.parentProcess().orElseThrow());
                tx.send(staticCounter);
            }).name("Worker-A"));
            ProcessInfo self = pipe.left().recv(WAIT);
            ProcessInfo parent = pipe.left().recv(WAIT);
            int seen = pipe.left().recv(WAIT);
            assertEquals(0, p.exitCode());
            assertEquals("Worker-A", self.name());
            assertEquals(p.pid(), self.pid());
            assertNotEquals(ProcessHandle.current().pid(), p.pid());
            assertEquals(ProcessHandle.current().pid(), parent.pid());
            assertEquals("MainProcess", parent.name());
            assertEquals(0, seen, "static state is fresh in the child");
        });
    }

    @Test
    void targetThatCannotBeSerializedFailsAtStartNamingTheClass() {
        Object notSerializable = new Object();
        ChildProcess p = mp.process(() -> System.out.println(notSerializable));
        SerializationException e = assertThrows(SerializationException.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void childrenOfChildrenWork() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Pipe pipe = mp.pipe(false);
            Connection tx = pipe.right();
            ChildProcess p = run(mp.process(() -> {
                ChildProcess grandchild = new Grandchild(tx).start();
                grandchild.join();
                tx.send(grandchild.exitCode());
            }));
            assertEquals(0, p.exitCode());
            String name = pipe.left().recv(WAIT);
            long parentPid = pipe.left().recv(WAIT);
            int grandchildExit = pipe.left().recv(WAIT);
            assertEquals("Process-" + nameOf(p) + ":1", name);
            assertEquals(p.pid(), parentPid);
            assertEquals(5, grandchildExit);
        });
    }

    private static String nameOf(ChildProcess p) {
        return p.name().substring("Process-".length());
    }

    /** A subclass whose field travels to the grandchild. */
    static final class Grandchild extends ChildProcess {
        private static final long serialVersionUID = 1L;
        private final Connection tx;

        Grandchild(Connection tx) {
            this.tx = tx;
        }

        @Override
        public void run() {
            tx.send(Multiprocessing.currentProcess().name());
            tx.send(Multiprocessing.parentProcess().orElseThrow().pid());
            Multiprocessing.exit(5);
        }
    }
}
