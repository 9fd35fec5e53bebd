package io.multiprocessing4j.tck;

import static io.multiprocessing4j.Capability.DISTINCT_PIDS;
import static io.multiprocessing4j.Capability.ISOLATED_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.examples.*;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The seed examples of seeds 003 and 004 (managers, pools, downloads, daemons). */
final class ExampleChecks003 {
    private static final String PY = "as the seed shows";

    private ExampleChecks003() {
    }

    static List<Check> seed003() {
        CheckList c = new CheckList("examples 003");
        c.add("E003-01", "Process(target=f, args=('bob',))", "hello bob", "the same", env -> {
            var r = env.example(E003_01_HelloBob::run);
            assertEquals(1, r.count("hello bob"), r.text());
            return r.value();
        });
        c.add("E003-02", "the parent puts 123, the child gets it", "the child prints 123", "the same", env -> {
            var r = env.example(E003_02_QueueToChild::run);
            assertEquals(1, r.count("这是子进程: 123"), r.text());
            return r.value();
        });
        c.add("E003-03", "duplex Pipe: father and son", "both messages arrive", "the same", env -> {
            var r = env.example(E003_03_DuplexPipe::run);
            assertEquals(1, r.count("from father"), r.text());
            assertEquals("from son", r.value().get("fatherReceived"));
            return r.value();
        });
        c.needing(Feature.MANAGER, "E003-04", "Manager dict and list filled by 10 processes", "10 distinct pids in both",
                "process backends: 10 pids; threads: one pid, 10 entries; a plain list fills only on threads", env -> {
            var r = env.example(E003_04_ManagerDictList::run);
            assertEquals(10, (int) r.value().<Integer>get("listSize"));
            int distinct = r.value().get("listDistinct");
            assertEquals(env.has(DISTINCT_PIDS) ? 10 : 1, distinct);
            assertEquals(distinct, (int) r.value().<Integer>get("dictSize"));
            assertEquals(env.has(ISOLATED_MEMORY) ? 0 : 10, (int) r.value().<Integer>get("plainSize"));
            return r.value();
        });
        c.needing(Feature.MANAGER, "E003-05", "every manager type used from a child", "each works", "the same", env -> {
            var r = env.example(E003_05_ManagerTypes::run);
            Map<String, Object> f = r.value().facts();
            assertEquals("[from child]", f.get("list"));
            assertEquals("{child=1}", f.get("dict"));
            assertEquals(42, f.get("ns.x"));
            assertEquals(true, f.get("lockFree"));
            assertEquals(true, f.get("rlockFree"));
            assertEquals(1, f.get("sem"));
            assertEquals(1, f.get("bsem"));
            assertEquals(true, f.get("event"));
            assertEquals("queued", f.get("queue"));
            assertEquals(7, f.get("value"));
            assertEquals(9, f.get("array1"));
            assertEquals(0, f.get("childExit"));
            return r.value();
        });
        c.add("E003-06", "Lock: 10 processes print (no try/finally)", "as E001-06", "the same", env -> {
            var r = env.example(E003_06_LockedPrints::run);
            ExampleChecks.assertTenLines(r);
            return r.value();
        });
        c.needing(Feature.POOL, "E003-07", "Pool(5), 10 x apply_async with a callback", "10 callbacks in the parent with ok",
                "the same", env -> {
            var r = env.example(E003_07_PoolCallbacks::run);
            assertEquals(10, (int) r.value().<Integer>get("callbacks"));
            assertEquals(Collections.nCopies(10, "ok"), r.value().get("results"));
            assertEquals(true, r.value().get("allInParent"));
            return r.value();
        });
        c.needing(Feature.POOL, "E003-08", "Pool: apply, apply_async, join too early, terminate", "join before close raises; terminate stops work",
                "the same (IllegalStateException)", env -> {
            var r = env.example(E003_08_PoolMethods::run);
            assertEquals(42, (int) r.value().<Integer>get("apply"));
            assertEquals(42, (int) r.value().<Integer>get("applyAsync"));
            assertEquals("IllegalStateException", r.value().get("joinBeforeClose"));
            assertEquals(true, r.value().get("joinedAfterTerminate"));
            assertNotEquals("result finished", r.value().get("runningTask"));
            return r.value();
        });
        return c.checks();
    }

    static List<Check> seed004() {
        CheckList c = new CheckList("examples 004");
        c.add("E004-01", "download files with 2 processes and a Queue", "every file saved (can hang: fixed)",
                "every file saved once, contents equal", env -> {
            var r = env.example(E004_01_Downloads::run);
            Map<String, Integer> times = r.value().get("savedTimes");
            assertTrue(times.values().stream().allMatch(n -> n == 1), times.toString());
            assertEquals(true, r.value().get("contentsEqual"));
            assertEquals("0,0", r.value().get("exitCodes"));
            return r.value();
        });
        c.add("E004-02", "a list to two processes vs a Queue", "list: each does all 3; Queue: each item once",
                "isolated memory: as Python; threads: the list is shared, each item once", env -> {
            var r = env.example(E004_02_ListVersusQueue::run);
            List<String> w1 = r.groups("work1 从q中获得了 (.)");
            List<String> w2 = r.groups("work2 从q中获得了 (.)");
            if (env.has(ISOLATED_MEMORY)) {
                assertEquals(List.of("c", "b", "a"), w1, r.text());
                assertEquals(List.of("c", "b", "a"), w2, r.text());
            } else {
                List<String> all = new ArrayList<>(w1);
                all.addAll(w2);
                Collections.sort(all);
                assertEquals(List.of("a", "b", "c"), all, r.text());
            }
            List<String> viaQueue = new ArrayList<>(r.groups("work[34] 从q中获得了 (.)"));
            Collections.sort(viaQueue);
            assertEquals(List.of("a", "b", "c"), viaQueue, r.text());
            return r.value();
        });
        c.add("E004-03", "MyProcess printing hello, twice", "hello twice", "the same", env -> {
            var r = env.example(E004_03_HelloSubclass::run);
            assertEquals(2, r.count("hello"), r.text());
            return r.value();
        });
        c.add("E004-04", "serial vs parallel", "parallel about half of serial",
                "the two processes overlap (a barrier proves it); times reported", env -> {
            var r = env.example(E004_04_SerialVersusParallel::run);
            assertEquals(true, r.value().get("overlapped"));
            assertEquals(10, r.count("play music ..."), r.text());
            assertEquals(10, r.count("play lol ..."), r.text());
            return r.value();
        });
        c.add("E004-05", "daemon False vs True at the end of the main program", "daemon ended, non-daemon finishes",
                "the same, in a separate program", env -> {
            var r = env.example(E004_05_DaemonAtExit::run);
            assertEquals(true, r.value().get("exited"), r.text());
            assertEquals(0, (int) r.value().<Integer>get("exitCode"), r.text());
            assertEquals(5L, (long) r.value().<Long>get("musicLines"), r.text());
            assertEquals(true, r.value().get("p1Done"), r.text());
            assertEquals(false, r.value().get("p2Done"), r.text());
            assertEquals(true, r.value().get("daemonGone"), r.text());
            return r.value();
        });
        c.needing(Feature.POOL, "E004-06", "Pool(9).map(square, [1,2,3,4])", "[1, 4, 9, 16]", "the same", env -> {
            var r = env.example(E004_06_PoolMapSquare::run);
            assertEquals(List.of(1, 4, 9, 16), r.value().get("result"));
            return r.value();
        });
        c.needing(Feature.POOL, "E004-07", "map_async does not block, get does", "returns before the work is done", "the same", env -> {
            var r = env.example(E004_07_MapAsync::run);
            assertEquals(false, r.value().get("readyAtReturn"));
            assertEquals(List.of(1, 4, 9, 16), r.value().get("result"));
            return r.value();
        });
        c.needing(Feature.POOL, "E004-08", "apply blocks, apply_async does not", "as stated", "the same", env -> {
            var r = env.example(E004_08_ApplyVersusApplyAsync::run);
            assertEquals((Object) 6, r.value().get("applyResult"));
            assertEquals(1, (int) r.value().<Integer>get("ranAfterApply"));
            assertEquals(1, (int) r.value().<Integer>get("ranAfterApplyAsync"));
            assertEquals(false, r.value().get("asyncReadyAtReturn"));
            assertEquals((Object) 6, r.value().get("asyncResult"));
            return r.value();
        });
        c.needing(Feature.POOL, "E004-09", "map, apply and the async forms", "results as stated", "the same, plus starmap, imap", env -> {
            var r = env.example(E004_09_PoolForms::run);
            List<Integer> squares = List.of(1, 4, 9, 16);
            assertEquals(squares, r.value().get("map"));
            assertEquals(squares, r.value().get("map_async"));
            assertEquals(25, (int) r.value().<Integer>get("apply"));
            assertEquals(36, (int) r.value().<Integer>get("apply_async"));
            assertEquals(List.of(6, 20), r.value().get("starmap"));
            assertEquals(squares, r.value().get("imap"));
            assertEquals(squares, r.value().get("imap_unordered(sorted)"));
            return r.value();
        });
        return c.checks();
    }
}
