package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.SharedEvent;
import java.time.Duration;
import java.util.List;

/** Processes: lifetime, output, waiting, serialization. */
final class ProcessLifetimeChecks {
    private ProcessLifetimeChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("process lifetime");
        c.add("P-26", "active_children()", "lists running children only", "the same", env -> {
            SharedEvent go = env.mp().event();
            ChildProcess p = env.mp().process(() -> go.await(T)).start();
            assertTrue(env.mp().activeChildren().contains(p));
            go.set();
            p.join();
            assertFalse(env.mp().activeChildren().contains(p));
            return null;
        });
        c.add("P-27", "close() a running process", "ValueError: Cannot close a process while it is still running",
                "IllegalStateException", env -> {
            SharedEvent go = env.mp().event();
            ChildProcess p = env.mp().process(() -> go.await(T)).start();
            assertThrows(IllegalStateException.class, p::close);
            go.set();
            p.join();
            return null;
        });
        c.add("P-28", "use after close()", "ValueError: process object is closed", "IllegalStateException; close() idempotent", env -> {
            ChildProcess p = env.mp().process(() -> { }).start();
            p.join();
            p.close();
            p.close();
            assertThrows(IllegalStateException.class, p::exitCode);
            assertThrows(IllegalStateException.class, p::isAlive);
            assertThrows(IllegalStateException.class, p::join);
            return null;
        });
        c.add("P-29", "a null target", "Process(target=None) runs nothing", "NullPointerException at the call", env -> {
            assertThrows(NullPointerException.class, () -> env.mp().process(null));
            return null;
        });
        c.deliberate("P-30", "an argument that cannot be serialized", "PicklingError at start() (spawn)",
                "SerializationException at start() naming the class; threads share it instead", env -> {
            Object notSerializable = new Object();
            ChildProcess p = env.mp().process((Object o) -> { }, notSerializable);
            if (env.has(Capability.SERIALIZED_ARGUMENTS)) {
                var e = assertThrows(SerializationException.class, p::start);
                assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
            } else {
                p.start().join();
                assertEquals(0, p.exitCode());
            }
            return null;
        });
        c.add("P-31", "join() returns after the child's output", "output is written before the child exits",
                "join() returns after the child's output reached the parent's System.out", env -> {
            var r = OutputCapture.capture(() -> {
                ChildProcess p = env.mp().process(() -> {
                    for (int i = 0; i < 200; i++) {
                        System.out.println("line-P31 " + i);
                    }
                }).start();
                p.join();
                return null;
            });
            assertEquals(200, r.groups("line-P31 (\\d+)").size());
            return null;
        });
        c.add("P-32", "connection.wait() over processes", "returns the ended ones; [] on timeout", "waitAny: the same", env -> {
            SharedEvent go = env.mp().event();
            ChildProcess slow = env.mp().process(() -> go.await(T)).start();
            assertEquals(List.of(), Multiprocessing.waitAny(List.of(slow), SHORT));
            ChildProcess quick = env.mp().process(() -> { }).start();
            assertEquals(List.of(quick), Multiprocessing.waitAny(List.of(slow, quick), T));
            go.set();
            slow.join();
            return null;
        });
        c.add("P-33", "connection.wait() over something else", "TypeError", "IllegalArgumentException; null: NullPointerException", env -> {
            assertThrows(IllegalArgumentException.class, () -> Multiprocessing.waitAny(List.of("not a process"), SHORT));
            assertThrows(NullPointerException.class, () -> Multiprocessing.waitAny(java.util.Arrays.asList((Object) null), SHORT));
            return null;
        });
        c.add("P-34", "repr of a process", "<Process name='..' parent=.. started/stopped exitcode=..>",
                "toString() shows name and state", env -> {
            ChildProcess p = env.mp().process(() -> { }).name("Repr-P34");
            assertTrue(p.toString().contains("Repr-P34") && p.toString().contains("initial"), p.toString());
            p.start().join();
            assertTrue(p.toString().contains("exitcode=0"), p.toString());
            return p.toString();
        });
        c.add("P-35", "info()", "-", "name, pid, daemon of a started process", env -> {
            ChildProcess p = env.mp().process(() -> { }).name("Info-P35").start();
            p.join();
            assertEquals("Info-P35", p.info().name());
            assertEquals(p.pid(), p.info().pid());
            assertFalse(p.info().daemon());
            return p.info();
        });
        c.add("P-36", "static state in the child", "a fresh interpreter (spawn): module globals are fresh",
                "isolated memory: the child sees the class's initial value; threads: the parent's", env -> {
            Holder.value = "changed-in-parent";
            io.multiprocessing4j.SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(Holder.value)).start();
            String seen = q.get(T);
            p.join();
            Holder.value = "initial";
            assertEquals(env.has(Capability.ISOLATED_MEMORY) ? "initial" : "changed-in-parent", seen);
            return seen;
        });
        c.add("P-37", "many processes at once", "all run and end", "20 processes all end with 0", env -> {
            List<ChildProcess> ps = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ps.add(env.mp().process(() -> { }).start());
            }
            for (ChildProcess p : ps) {
                assertTrue(p.join(T));
                assertEquals(0, p.exitCode());
            }
            return null;
        });
        c.add("P-38", "a process's exit code survives join(timeout)", "-", "join(Duration) true and exit code set once ended", env -> {
            ChildProcess p = env.mp().process(() -> Multiprocessing.exit(9)).start();
            assertTrue(p.join(Duration.ofSeconds(20)));
            assertEquals(9, p.exitCode());
            return null;
        });
        return c.checks();
    }

    /** A static the child reads, to see whether memory is isolated. */
    static final class Holder {
        static volatile String value = "initial";

        private Holder() {
        }
    }
}
