package io.multiprocessing4j.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private final Context mp = Multiprocessing.context("posix");

    @AfterEach
    void close() {
        mp.close();
    }

    private static int run(ChildProcess p) {
        p.start();
        assertTrue(p.join(BOUND), "the child did not end");
        return p.exitCode();
    }

    @Test
    void exitCodesFollowPython() {
        assertEquals(0, run(mp.process(() -> { })));
        assertEquals(3, run(mp.process(() -> Multiprocessing.exit(3))));
        assertEquals(0, run(mp.process(() -> Multiprocessing.exit(256))));
        assertEquals(7, run(mp.process(() -> System.exit(7))));
        assertEquals(1, run(mp.process(() -> Multiprocessing.exit("bye"))));
    }

    @Test
    void anUncaughtExceptionExitsWithOneAndItsTraceReachesOurStderr() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ChildProcess p = mp.process(() -> {
                throw new IllegalStateException("boom in child");
            }).name("Failing");
            assertEquals(1, run(p));
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("Process Failing:"), err);
        assertTrue(err.contains("IllegalStateException: boom in child"), err);
    }

    @Test
    void outputIsPassedOnBeforeJoinReturns() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run(mp.process(() -> {
                for (int i = 0; i < 1000; i++) {
                    System.out.println("line " + i + " from " + Multiprocessing.currentProcess().name());
                }
            }).name("Talker")));
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("line 0 from Talker"), out);
        assertTrue(out.contains("line 999 from Talker"), "join returned before the output was passed on");
    }

    @Test
    void terminateAndKillAreRealSignals() throws Exception {
        SharedEvent started = mp.event();
        ChildProcess p = mp.process(ev -> {
            ev.set();
            Thread.sleep(60_000);
        }, started).start();
        assertTrue(started.await(BOUND));
        assertTrue(p.isAlive());
        assertNotEquals(ProcessHandle.current().pid(), p.pid());
        p.terminate();
        assertTrue(p.join(BOUND));
        assertEquals(-15, p.exitCode());
        p.terminate(); // a finished process: nothing happens

        SharedEvent started2 = mp.event();
        ChildProcess q = mp.process(ev -> {
            ev.set();
            Thread.sleep(60_000);
        }, started2).start();
        assertTrue(started2.await(BOUND));
        q.kill();
        assertTrue(q.join(BOUND));
        assertEquals(-9, q.exitCode());
        assertFalse(q.isAlive());
    }

    @Test
    void aQueueAndTheChildsIdentityTravel() {
        SharedQueue<Object> q = mp.queue();
        ChildProcess p = mp.process(queue -> {
            queue.put(Multiprocessing.currentProcess().name());
            queue.put(Multiprocessing.currentProcess().pid());
            queue.put(Multiprocessing.parentProcess().orElseThrow().pid());
        }, q).name("Worker");
        assertEquals(0, run(p));
        assertEquals("Worker", q.get(BOUND));
        assertEquals(p.pid(), q.get(BOUND));
        assertEquals(ProcessHandle.current().pid(), q.get(BOUND));
    }

    @Test
    void aChildStartsItsOwnChildThroughItsPosixContext() {
        SharedQueue<Object> q = mp.queue();
        ChildProcess p = mp.process(queue -> {
            ChildProcess grandchild = new ChildProcess(io.multiprocessing4j.spi.ProcessScope.current().context(), () -> {
                queue.put(Multiprocessing.currentProcess().name() + " in "
                        + io.multiprocessing4j.spi.ProcessScope.current().context().backendName());
                Multiprocessing.exit(5);
            });
            grandchild.start().join();
            queue.put(grandchild.exitCode());
        }, q);
        assertEquals(0, run(p));
        String report = (String) q.get(BOUND);
        assertTrue(report.startsWith(p.name() + ":1 in posix"), report + " from " + p.name());
        assertEquals(5, q.get(BOUND));
    }

    @Test
    void aPipeEndPassedToAChildWorksAndGivesEofWhenItEnds() {
        Pipe pipe = mp.pipe();
        ChildProcess p = mp.process(end -> {
            end.send("hello " + end.recv());
            end.sendBytes(new byte[] {1, 2, 3});
        }, pipe.right()).start();
        pipe.right().close(); // the child holds its own copy
        pipe.left().send("parent");
        assertEquals("hello parent", pipe.left().recv(BOUND));
        assertEquals(3, pipe.left().recvBytes().length);
        assertTrue(p.join(BOUND));
        assertEquals(0, p.exitCode());
        assertTrue(pipe.left().poll(BOUND), "EOF is readable");
        assertThrows(ConnectionEOFException.class, pipe.left()::recv);
        pipe.left().close();
    }

    @Test
    void oneWayPipesRefuseTheWrongDirection() {
        Pipe pipe = mp.pipe(false);
        assertThrows(IllegalStateException.class, () -> pipe.left().send("x"));
        assertThrows(IllegalStateException.class, pipe.right()::recv);
        pipe.right().send(42);
        assertEquals(42, (int) pipe.left().recv(BOUND));
        pipe.right().close();
        assertThrows(IllegalStateException.class, () -> pipe.right().send(1));
        assertThrows(ConnectionEOFException.class, () -> pipe.left().recv(BOUND));
    }

    @Test
    void aPipeEndCannotTravelInsideAQueue() {
        Pipe pipe = mp.pipe();
        SharedQueue<Object> q = mp.queue();
        assertThrows(SerializationException.class, () -> q.put(pipe.left()));
    }

    @Test
    void anUnserializableTargetFailsAtStartNamingTheClass() {
        Object notSerializable = new Object();
        ChildProcess p = mp.process(() -> System.out.println(notSerializable));
        SerializationException e = assertThrows(SerializationException.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertNull(p.exitCode());
    }

    @Test
    void aLockHeldByAKilledChildIsRecovered() {
        SharedLock lock = mp.lock();
        SharedEvent locked = mp.event();
        ChildProcess p = mp.process((l, ev) -> {
            l.acquire();
            ev.set();
            Thread.sleep(60_000);
        }, lock, locked).start();
        assertTrue(locked.await(BOUND));
        p.kill();
        assertTrue(p.join(BOUND));
        assertTrue(lock.acquire(BOUND));
        assertTrue(lock.ownerDied());
        lock.release();
    }

    @Test
    void aDaemonChildExitsWhenItsParentIsKilled() throws Exception {
        try (JvmChild parent = JvmChild.start("daemon-and-hang")) {
            int grandchild = Integer.parseInt(parent.line());
            int pidfd = Processes.pidfdOpen(grandchild);
            try {
                assertEquals(0, Descriptors.poll(pidfd, Descriptors.POLLIN, 0), "the daemon runs");
                parent.killHard();
                long start = System.nanoTime();
                assertTrue(Descriptors.poll(pidfd, Descriptors.POLLIN, (int) TimeUnit.SECONDS.toMillis(20)) != 0,
                        "the daemon outlived its parent");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "noticed within about a second");
            } finally {
                Descriptors.close(pidfd);
            }
        }
    }

    @Test
    void closingTheContextEndsRunningChildren() {
        Context other = Multiprocessing.context("posix");
        SharedEvent started = other.event();
        ChildProcess p = other.process(ev -> {
            ev.set();
            Thread.sleep(60_000);
        }, started).start();
        assertTrue(started.await(BOUND));
        other.close();
        assertFalse(p.isAlive());
        assertEquals(-15, p.exitCode());
    }

    @Test
    void theBackendIsAvailableAndSelectable() {
        assertTrue(Multiprocessing.backends().stream().anyMatch(b -> b.name().equals("posix") && b.available()),
                Multiprocessing.backends().toString());
        assertEquals("posix", mp.backendName());
    }
}
