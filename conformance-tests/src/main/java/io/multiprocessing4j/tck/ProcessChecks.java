package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedQueue;
import java.util.List;

/** Processes: state, misuse, exit codes. */
final class ProcessChecks {
    private ProcessChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("processes");
        c.add("P-01", "exit code before start", "exitcode is None", "exitCode() is null", env -> {
            assertNull(env.mp().process(() -> { }).exitCode());
            return null;
        });
        c.add("P-02", "is_alive before start", "False", "false", env -> {
            assertFalse(env.mp().process(() -> { }).isAlive());
            return null;
        });
        c.add("P-03", "start twice", "AssertionError: cannot start a process twice", "IllegalStateException", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            assertThrows(IllegalStateException.class, p::start);
            p.join();
            return null;
        });
        c.add("P-04", "join before start", "AssertionError: can only join a started process", "IllegalStateException", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().process(() -> { }).join());
            return null;
        });
        c.deliberate("P-05", "pid before start", "pid is None", "IllegalStateException (no pid to give)", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().process(() -> { }).pid());
            return null;
        });
        c.add("P-06", "start() returns the process", "start() returns None", "start() returns this, for chaining", env -> {
            ChildProcess p = env.mp().process(() -> { });
            assertSame(p, p.start());
            p.join();
            return null;
        });
        c.add("P-07", "normal end", "exitcode 0", "0", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            p.join();
            assertEquals(0, p.exitCode());
            return null;
        });
        c.add("P-08", "uncaught exception", "exitcode 1, traceback on stderr", "1, stack trace on the child's stderr", env -> {
            var r = OutputCapture.capture(() -> {
                ChildProcess p = env.mp().process(() -> {
                    throw new IllegalArgumentException("boom-P08");
                }).start();
                p.join();
                return p.exitCode();
            });
            assertEquals(1, r.value());
            assertTrue(r.err().stream().anyMatch(l -> l.contains("boom-P08")), "stderr: " + r.err());
            return r.value();
        });
        c.add("P-09", "os._exit(n)", "exitcode n", "exit(n) gives n", env -> {
            ChildProcess p = env.mp().process(() -> Multiprocessing.exit(42)).start();
            p.join();
            assertEquals(42, p.exitCode());
            return null;
        });
        c.add("P-10", "exit statuses are 8-bit", "sys.exit(256) gives 0", "exit(256) gives 0, exit(257) gives 1", env -> {
            ChildProcess p = env.mp().process(() -> Multiprocessing.exit(256)).start();
            ChildProcess q = env.mp().process(() -> Multiprocessing.exit(257)).start();
            p.join();
            q.join();
            assertEquals(0, p.exitCode());
            assertEquals(1, q.exitCode());
            return null;
        });
        c.add("P-11", "sys.exit('msg')", "exitcode 1, msg on stderr", "the same", env -> {
            var r = OutputCapture.capture(() -> {
                ChildProcess p = env.mp().process(() -> Multiprocessing.exit("bye-P11")).start();
                p.join();
                return p.exitCode();
            });
            assertEquals(1, r.value());
            assertTrue(r.err().contains("bye-P11"), "stderr: " + r.err());
            return null;
        });
        c.add("P-12", "sys.exit(None)", "exitcode 0", "exit((String) null) gives 0", env -> {
            ChildProcess p = env.mp().process(() -> Multiprocessing.exit((String) null)).start();
            p.join();
            assertEquals(0, p.exitCode());
            return null;
        });
        c.add("P-13", "join(timeout) on a running process", "returns None quietly; still alive", "returns false; still alive", env -> {
            SharedEvent go = env.mp().event();
            ChildProcess p = env.mp().process(() -> go.await(T)).start();
            assertFalse(p.join(SHORT));
            assertTrue(p.isAlive());
            assertNull(p.exitCode());
            go.set();
            assertTrue(p.join(T));
            assertFalse(p.isAlive());
            return null;
        });
        c.deliberate("P-14", "join with a negative timeout", "treated as 0", "IllegalArgumentException", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            assertThrows(IllegalArgumentException.class, () -> p.join(java.time.Duration.ofMillis(-1)));
            p.join();
            return null;
        });
        c.add("P-15", "terminate() a running process", "exitcode -15 (SIGTERM)", "-15 on every backend (threads: interrupted)", env -> {
            ChildProcess p = env.mp().process(ContractChecks.sleeper()).start();
            p.terminate();
            assertTrue(p.join(T), "terminated process did not end");
            assertEquals(-15, p.exitCode());
            return null;
        });
        c.add("P-16", "kill() a running process", "exitcode -9 (SIGKILL)",
                "-9 with FORCED_TERMINATION; else UnsupportedOperationException", env -> {
            ChildProcess p = env.mp().process(ContractChecks.sleeper()).start();
            if (env.has(io.multiprocessing4j.Capability.FORCED_TERMINATION)) {
                p.kill();
                assertTrue(p.join(T));
                assertEquals(-9, p.exitCode());
            } else {
                assertThrows(UnsupportedOperationException.class, p::kill);
                p.terminate();
                p.join(T);
            }
            return p.exitCode();
        });
        c.add("P-17", "terminate() a finished process", "does nothing", "does nothing; exit code stays 0", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            p.join();
            p.terminate();
            assertEquals(0, p.exitCode());
            return null;
        });
        c.add("P-18", "default names", "Process-N", "Process-N", env -> {
            ChildProcess p = env.mp().process(() -> { });
            assertTrue(p.name().matches("Process-\\d+(:\\d+)*"), p.name());
            return p.name();
        });
        c.add("P-19", "the child sees its own name", "current_process().name == the name given", "the same", env -> {
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(Multiprocessing.currentProcess().name())).name("Named-P19").start();
            assertEquals("Named-P19", q.get(T));
            p.join();
            return null;
        });
        c.add("P-20", "rename a process to null", "TypeError: name must be a string", "NullPointerException", env -> {
            assertThrows(NullPointerException.class, () -> env.mp().process(() -> { }).name(null));
            return null;
        });
        c.add("P-21", "set daemon after start", "AssertionError: process has already started", "IllegalStateException", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            assertThrows(IllegalStateException.class, () -> p.daemon(true));
            p.join();
            return null;
        });
        c.add("P-22", "daemon flag defaults to the parent's", "False in the main process", "false", env -> {
            assertFalse(env.mp().process(() -> { }).daemon());
            return null;
        });
        c.add("P-23", "a daemon may not start children", "AssertionError: daemonic processes are not allowed to have children",
                "IllegalStateException in the daemon", env -> {
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(ContractChecks.thrown(
                    () -> io.multiprocessing4j.spi.ProcessScope.current().context().process(() -> { }).start())))
                    .daemon(true).start();
            assertEquals("IllegalStateException", q.get(T));
            p.join();
            return null;
        });
        c.add("P-24", "parent_process() in the child", "the parent's name and pid", "MainProcess and the parent's pid", env -> {
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(Multiprocessing.parentProcess()
                    .map(i -> i.name() + "/" + i.pid()).orElse("none"))).start();
            assertEquals("MainProcess/" + ProcessHandle.current().pid(), q.get(T));
            p.join();
            return null;
        });
        c.add("P-25", "pid is the child's own", "p.pid == os.getpid() in the child", "the same (threads: the JVM's)", env -> {
            SharedQueue<Long> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(ProcessHandle.current().pid())).start();
            long reported = q.get(T);
            p.join();
            assertEquals(reported, p.pid());
            assertEquals(env.has(io.multiprocessing4j.Capability.DISTINCT_PIDS), reported != ProcessHandle.current().pid());
            return reported;
        });
        return c.checks();
    }
}
