package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.ManagerUnavailableException;
import io.multiprocessing4j.Namespace;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Managers and their proxies. */
final class ManagerChecks {
    private ManagerChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("managers");
        c.needing(Feature.MANAGER, "M-01", "a dict written by a child", "the parent sees it", "the same", env -> {
            try (Manager m = env.mp().manager()) {
                Map<String, Integer> d = m.dict();
                ChildProcess p = env.mp().process(() -> d.put("k", 1)).start();
                p.join();
                assertEquals(Map.of("k", 1), Map.copyOf(d));
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-02", "a list appended by children", "every append is kept", "the same (5 children)", env -> {
            try (Manager m = env.mp().manager()) {
                List<Integer> l = m.list();
                List<ChildProcess> ps = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    ps.add(env.mp().process(() -> l.add(n)).start());
                }
                ps.forEach(ChildProcess::join);
                List<Integer> sorted = new ArrayList<>(l);
                sorted.sort(null);
                assertEquals(List.of(0, 1, 2, 3, 4), sorted);
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-03", "an unset Namespace attribute", "AttributeError", "NoSuchElementException", env -> {
            try (Manager m = env.mp().manager()) {
                Namespace ns = m.namespace();
                assertThrows(NoSuchElementException.class, () -> ns.get("missing"));
                ns.set("x", 1);
                assertTrue(ns.has("x"));
                ns.delete("x");
                assertFalse(ns.has("x"));
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-04", "a proxy after shutdown()", "the call fails (connection refused)", "ManagerUnavailableException", env -> {
            Manager m = env.mp().manager();
            Map<String, Integer> d = m.dict();
            m.shutdown();
            assertThrows(ManagerUnavailableException.class, () -> d.put("k", 1));
            m.shutdown();
            return null;
        });
        c.needing(Feature.MANAGER, "M-05", "values in a proxied dict are copies", "d['l'].append(x) is lost; write back", "the same", env -> {
            try (Manager m = env.mp().manager()) {
                Map<String, ArrayList<Integer>> d = m.dict();
                d.put("l", new ArrayList<>(List.of(1)));
                d.get("l").add(2);
                assertEquals(List.of(1), d.get("l"));
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-06", "null keys or values", "None is allowed", "NullPointerException (ConcurrentMap refuses null)", env -> {
            try (Manager m = env.mp().manager()) {
                Map<String, Integer> d = m.dict();
                assertThrows(NullPointerException.class, () -> d.put("k", null));
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-07", "the manager's process", "manager._process has a pid", "process() names it with a pid", env -> {
            try (Manager m = env.mp().manager()) {
                assertTrue(m.process().pid() > 0);
            }
            return null;
        });
        c.needing(Feature.MANAGER, "M-08", "a manager queue used by a child", "items arrive", "the same", env -> {
            try (Manager m = env.mp().manager()) {
                var q = m.<String>queue();
                ChildProcess p = env.mp().process(() -> q.put("via manager")).start();
                assertEquals("via manager", q.get(T));
                p.join();
            }
            return null;
        });
        return c.checks();
    }
}
