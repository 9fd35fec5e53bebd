package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProcessTest extends ThreadsTestBase {

    private String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsTargetOnANamedThreadWithExitCodeZero() {
        SharedQueue<Object> q = mp.queue();
        ChildProcess p = mp.process(() -> {
            q.put(Thread.currentThread().getName());
            q.put(Multiprocessing.currentProcess());
            q.put(Multiprocessing.parentProcess());
        }).name("worker-1");
        assertNull(p.exitCode());
        p.start();
        assertEquals("worker-1", q.get(LONG));
        ProcessInfo self = (ProcessInfo) q.get(LONG);
        assertEquals("worker-1", self.name());
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertEquals(Optional.of(Multiprocessing.currentProcess()), q.get(LONG));
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
        assertFalse(p.isAlive());
        assertEquals(ProcessHandle.current().pid(), p.pid());
    }

    @Test
    void sharesObjectsByReference() {
        Object shared = new Object();
        SharedQueue<Object> q = mp.queue();
        mp.process(o -> q.put(o), shared).start().join();
        assertSame(shared, q.get(LONG));
    }

    @Test
    void defaultNamesAreNestedAsInPython() {
        SharedQueue<String> q = mp.queue();
        ChildProcess p = mp.process(() -> {
            ChildProcess child = mp.process(() -> q.put(Multiprocessing.currentProcess().name() + " of "
                    + Multiprocessing.parentProcess().orElseThrow().name()));
            child.start().join();
        });
        String parentName = p.name();
        assertTrue(parentName.matches("Process-[0-9]+"), parentName);
        p.start();
        assertEquals(parentName + ":1 of " + parentName, q.get(LONG));
        p.join(LONG);
    }

    @Test
    void uncaughtExceptionGivesExitCodeOneAndAStackTrace() {
        String err = captureErr(() -> {
            ChildProcess p = mp.process(() -> {
                throw new IllegalArgumentException("boom");
            }).name("failing").start();
            assertTrue(p.join(LONG));
            assertEquals(1, p.exitCode());
        });
        assertTrue(err.contains("Exception in thread \"failing\" java.lang.IllegalArgumentException: boom"), err);
        assertTrue(err.contains("\tat "), err);
    }

    @Test
    void exitEndsOnlyThatProcessWithItsCode() {
        ChildProcess p = mp.process(() -> {
            Multiprocessing.exit(3);
            throw new AssertionError("exit returned");
        }).start();
        p.join(LONG);
        assertEquals(3, p.exitCode());
        ChildProcess wrapped = mp.process(() -> Multiprocessing.exit(256)).start();
        wrapped.join(LONG);
        assertEquals(0, wrapped.exitCode());
    }

    @Test
    void exitSurvivesCatchException() {
        ChildProcess p = mp.process(() -> {
            try {
                Multiprocessing.exit(7);
            } catch (Exception e) {
                throw new AssertionError("exit was caught as an Exception", e);
            }
        }).start();
        p.join(LONG);
        assertEquals(7, p.exitCode());
    }

    @Test
    void exitWithMessagePrintsItAndGivesOne() {
        String err = captureErr(() -> {
            ChildProcess p = mp.process(() -> Multiprocessing.exit("bye now")).start();
            p.join(LONG);
            assertEquals(1, p.exitCode());
            ChildProcess none = mp.process(() -> Multiprocessing.exit((String) null)).start();
            none.join(LONG);
            assertEquals(0, none.exitCode());
        });
        assertTrue(err.contains("bye now"), err);
    }

    @Test
    void terminateInterruptsAndReportsMinus15() throws Exception {
        SharedQueue<Object> q = mp.queue();
        CountDownLatch running = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> {
            running.countDown();
            q.take();
        }).start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertFalse(p.join(SHORT));
        assertTrue(p.isAlive());
        p.terminate();
        assertTrue(p.join(LONG));
        assertEquals(-15, p.exitCode());
    }

    @Test
    void threadThatReturnsAfterTerminateAlsoReportsMinus15() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                return; // ends "normally", but because of terminate()
            }
        }).start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        p.terminate();
        p.join(LONG);
        assertEquals(-15, p.exitCode());
    }

    @Test
    void terminateAfterTheEndChangesNothing() {
        ChildProcess p = mp.process(() -> { }).start();
        p.join(LONG);
        p.terminate();
        assertEquals(0, p.exitCode());
    }

    @Test
    void killIsRefused() {
        CountDownLatch release = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> release.await()).start();
        assertThrows(UnsupportedOperationException.class, p::kill);
        ThreadProcessRuntime runtime = ThreadProcessRuntime.start(mp.process(() -> { }), mp);
        assertThrows(UnsupportedOperationException.class, runtime::kill);
        assertTrue(runtime.join(LONG.toNanos()));
        release.countDown();
        assertTrue(p.join(LONG));
        assertFalse(mp.has(Capability.FORCED_TERMINATION));
    }

    @Test
    void joinIsInterruptible() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> release.await()).start();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        CountDownLatch joining = new CountDownLatch(1);
        Thread t = thread(() -> {
            joining.countDown();
            try {
                p.join();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        joining.await(10, TimeUnit.SECONDS);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, flag.get());
        release.countDown();
        assertTrue(p.join(LONG));
    }

    @Test
    void joinOfItselfIsRefused() {
        SharedQueue<Object> q = mp.queue();
        AtomicReference<ChildProcess> self = new AtomicReference<>();
        CountDownLatch set = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> {
            set.await();
            try {
                self.get().join(SHORT);
                q.put("joined");
            } catch (IllegalStateException e) {
                q.put(e.getMessage());
            }
        });
        self.set(p);
        p.start();
        set.countDown();
        assertTrue(((String) q.get(LONG)).contains("cannot join itself"));
        p.join(LONG);
    }

    @Test
    void daemonProcessIsADaemonThreadAndMayNotHaveChildren() {
        SharedQueue<Object> q = mp.queue();
        ChildProcess p = mp.process(() -> {
            q.put(Thread.currentThread().isDaemon());
            q.put(Multiprocessing.currentProcess().daemon());
            try {
                mp.process(() -> { }).start();
                q.put("started");
            } catch (IllegalStateException e) {
                q.put(e.getMessage());
            }
        }).daemon(true).start();
        assertEquals(true, q.get(LONG));
        assertEquals(true, q.get(LONG));
        assertTrue(((String) q.get(LONG)).contains("daemonic processes are not allowed to have children"));
        p.join(LONG);
        assertThrows(IllegalStateException.class, () -> p.daemon(false));
    }

    @Test
    void nonDaemonByDefaultInTheMainProcess() {
        SharedQueue<Boolean> q = mp.queue();
        mp.process(() -> q.put(Thread.currentThread().isDaemon())).start().join();
        assertEquals(false, q.get(LONG));
    }

    static final class Subclassed extends ChildProcess {
        final SharedQueue<Object> out;

        Subclassed(SharedQueue<Object> out) {
            this.out = out;
        }

        Subclassed(Context mp, SharedQueue<Object> out) {
            super(mp);
            this.out = out;
        }

        @Override
        public void run() {
            out.put(context().backendName());
            out.put(new Subclassed(out).context());
        }
    }

    @Test
    void subclassRunsAndUsesTheContextOfItsProcess() {
        SharedQueue<Object> q = mp.queue();
        new Subclassed(mp, q).start().join(LONG);
        assertEquals("threads", q.get(LONG));
        assertSame(mp, q.get(LONG));
    }

    @Test
    void closingTheContextTerminatesRunningChildren() {
        CountDownLatch running = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> {
            running.countDown();
            new CountDownLatch(1).await();
        }).start();
        assertEquals(List.of(p), mp.activeChildren());
        assertTrue(assertDoesNotThrowAwait(running));
        mp.close();
        assertTrue(p.join(LONG));
        assertEquals(-15, p.exitCode());
        assertThrows(IllegalStateException.class, () -> mp.process(() -> { }));
    }

    private static boolean assertDoesNotThrowAwait(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void processStateErrors() {
        ChildProcess p = mp.process(() -> { });
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalStateException.class, p::terminate);
        p.start();
        assertThrows(IllegalStateException.class, p::start);
        p.join(LONG);
        p.close();
        assertThrows(IllegalStateException.class, p::isAlive);
    }

    @Test
    void closeWhileRunningIsRefused() {
        CountDownLatch release = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> release.await()).start();
        assertThrows(IllegalStateException.class, p::close);
        release.countDown();
        assertTrue(p.join(LONG));
        p.close();
    }
}
