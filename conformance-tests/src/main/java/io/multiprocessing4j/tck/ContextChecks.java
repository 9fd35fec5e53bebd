package io.multiprocessing4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import java.util.List;

/** Choosing a backend and a context's lifetime. */
final class ContextChecks {
    private ContextChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("context");
        c.add("B-01", "the context names its backend", "get_context(name).get_start_method() == name", "backendName() is the name", env -> {
            assertTrue(env.backend() != null && !env.backend().isBlank());
            return env.backend();
        });
        c.add("B-02", "an unknown backend fails at once, listing the available", "ValueError: cannot find context for 'x'",
                "BackendUnavailableException naming what is available", env -> {
            var e = assertThrows(BackendUnavailableException.class, () -> Multiprocessing.context("no-such-backend"));
            assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
            return e.getMessage();
        });
        c.add("B-03", "context(null) is refused", "get_context(None) is the default", "NullPointerException (use context())", env -> {
            assertThrows(NullPointerException.class, () -> Multiprocessing.context((String) null));
            return null;
        });
        c.add("B-04", "a closed context refuses its factories", "(no context close in Python)",
                "IllegalStateException from queue(), lock(), process()", env -> {
            Context ctx = env.fresh();
            ctx.close();
            assertThrows(IllegalStateException.class, ctx::queue);
            assertThrows(IllegalStateException.class, ctx::lock);
            assertThrows(IllegalStateException.class, () -> ctx.process(() -> { }));
            assertThrows(IllegalStateException.class, () -> ctx.value('i', 0));
            return null;
        });
        c.add("B-05", "closing a context twice is harmless", "-", "close() is idempotent", env -> {
            Context ctx = env.fresh();
            ctx.close();
            ctx.close();
            return null;
        });
        c.add("B-06", "closing a context ends its running children", "-", "a running child has an exit code after close()", env -> {
            Context ctx = env.fresh();
            var p = ctx.process(ContractChecks.sleeper()).start();
            ctx.close();
            assertTrue(p.exitCode() != null || !p.isAlive(), p.toString());
            return p.exitCode();
        });
        c.add("B-07", "backends() reports the backend and its capabilities", "-",
                "listed, with the context's capabilities", env -> {
            List<BackendInfo> infos = Multiprocessing.backends();
            var info = infos.stream().filter(i -> i.name().equals(env.backend())).findFirst();
            if (info.isPresent()) {
                assertTrue(info.get().available(), info.get().toString());
                assertEquals(env.mp().capabilities(), info.get().capabilities());
            }
            return infos.toString();
        });
        c.add("B-08", "cpu_count", "os.cpu_count() (ignores affinity in 3.11)", "availableProcessors(), at least 1", env -> {
            assertTrue(Multiprocessing.cpuCount() >= 1);
            assertEquals(Runtime.getRuntime().availableProcessors(), Multiprocessing.cpuCount());
            return Multiprocessing.cpuCount();
        });
        c.add("B-09", "current_process() at the root", "name 'MainProcess', parent_process() None", "the same", env -> {
            assertEquals("MainProcess", Multiprocessing.currentProcess().name());
            assertTrue(Multiprocessing.parentProcess().isEmpty());
            return Multiprocessing.currentProcess();
        });
        return c.checks();
    }
}
