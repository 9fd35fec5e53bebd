package io.multiprocessing4j.tck;

import static io.multiprocessing4j.Capability.DISTINCT_PIDS;
import static io.multiprocessing4j.Capability.ISOLATED_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.examples.*;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The seed examples of {@code EXAMPLES.md}, each run and held to its "must show" column: seeds 000 and 001. */
final class ExampleChecks {
    private static final String PY = "as the seed shows";

    private ExampleChecks() {
    }

    static List<Check> seed000() {
        CheckList c = new CheckList("examples 000");
        c.add("E000-01", "two processes with target, args, name; Ending... last", PY, "both greetings, then Ending...", env -> {
            var r = env.example(E000_01_TwoProcesses::run);
            int hello = r.indexOf("I say:hello world!");
            int good = r.indexOf("I say:Good!");
            assertTrue(hello >= 0 && good >= 0, r.text());
            assertTrue(r.indexOf("Ending...") > Math.max(hello, good), r.text());
            assertEquals("Process_1,Process_2", r.value().get("names"));
            assertEquals("0,0", r.value().get("exitCodes"));
            return r.value();
        });
        c.add("E000-02", "Process subclass overriding run()", PY, "X is running / X is done for both, Ending... last", env -> {
            var r = env.example(E000_02_SubclassProcess::run);
            for (String n : List.of("hello world!", "Good!")) {
                int running = r.indexOf(n + " is running");
                assertTrue(running >= 0 && r.indexOf(n + " is done") > running, r.text());
            }
            assertEquals("Ending...", r.out().getLast(), r.text());
            return r.value();
        });
        c.add("E000-03", "getpid/getppid in child and parent", "child pid differs, its ppid is the parent",
                "process backends: as Python; threads: one pid", env -> {
            var r = env.example(E000_03_PidAndPpid::run);
            long parent = r.value().<Long>get("parentPid");
            List<String> running = r.groups("(\\d+ is running,parent id is <\\d+>)");
            assertEquals(1, running.size(), r.text());
            String[] parts = running.getFirst().split(" is running,parent id is <|>");
            long child = Long.parseLong(parts[0]);
            if (env.has(DISTINCT_PIDS)) {
                assertNotEquals(parent, child, r.text());
                assertEquals(parent, Long.parseLong(parts[1]), "child's ppid\n" + r.text());
            } else {
                assertEquals(parent, child, r.text());
            }
            assertEquals(child, (long) r.value().<Long>get("childPid"));
            return r.value();
        });
        c.add("E000-04", "a global changed in the child", "parent still sees 100",
                "isolated memory: 100; threads: 0", env -> {
            var r = env.example(E000_04_IsolatedGlobal::run);
            assertEquals(1, r.count("子进程内: 0"), r.text());
            assertEquals(env.has(ISOLATED_MEMORY) ? 100 : 0, (int) r.value().<Integer>get("parentSees"));
            return r.value();
        });
        c.add("E000-05", "Queue(3): full, FIFO, empty, 4th put times out", "True 1 2 3 True; put(timeout) raises queue.Full",
                "the same; QueueFullException", env -> {
            var r = env.example(E000_05_QueueBasics::run);
            assertEquals(true, r.value().get("full"));
            assertEquals(List.of(1, 2, 3), r.value().get("got"));
            assertEquals(true, r.value().get("empty"));
            assertEquals(true, r.value().get("fourthPutFull"));
            return r.value();
        });
        c.add("E000-06", "3 producers x 3 items, 2 consumers, 2 sentinels", "9 items eaten once each, consumers exit",
                "the same (sentinel is a string: null is refused)", env -> {
            var r = env.example(E000_06_ProducerConsumer::run);
            List<String> eaten = r.groups("消费者\\d 吃了(包子\\d)");
            List<String> made = r.groups("生产者\\d 生产了(包子\\d)");
            assertEquals(9, made.size(), r.text());
            assertEquals(9, eaten.size(), r.text());
            for (int i = 0; i < 3; i++) {
                assertEquals(3, Collections.frequency(eaten, "包子" + i), r.text());
            }
            assertEquals("0,0", r.value().get("consumerExitCodes"));
            return r.value();
        });
        c.add("E000-07", "Value('i'), Value('d'), Array('i'), every typecode", "each typecode has its size; values reach a child",
                "every typecode with size and range, out-of-range refused; child sees and changes values", env -> {
            var r = env.example(E000_07_ValueAndArray::run);
            assertEquals(List.of(), r.value().get("typecodesBad"));
            assertEquals("bBhHiIlLqQfdcu", r.value().get("typecodesOk"));
            assertEquals(1, r.count("child sees value1=0 value2=3.14 array=[1, 2, 3, 4]"), r.text());
            assertEquals(42, (int) r.value().<Integer>get("value1AfterChild"));
            assertEquals(0, (int) r.value().<Integer>get("childExit"));
            return r.value();
        });
        c.needing(Feature.POOL, "E000-08", "Pool(4), 5 x apply_async, close, join", "at most 4 at once, all done before the end",
                "the same", env -> {
            var r = env.example(E000_08_PoolApplyAsync::run);
            int peak = r.value().get("peak");
            assertTrue(peak >= 1 && peak <= 4, "peak " + peak);
            assertEquals(5, (int) r.value().<Integer>get("doneBeforeEnd"));
            assertEquals(5, r.groups("Task (\\d) runs .* seconds\\.").size(), r.text());
            assertEquals("All subprocess done.", r.out().getLast(), r.text());
            return r.value();
        });
        c.add("E000-09", "two processes add to a Value without a Lock", "20 (by luck: += can lose an update)",
                "20 on every run (atomic addAndGet)", env -> {
            var r = env.example(E000_09_ValueWithoutLock::run);
            assertEquals(20, (int) r.value().<Integer>get("final"));
            assertEquals(10, r.groups("curr process (\\d+) \\d+").size(), r.text());
            return r.value();
        });
        c.add("E000-10", "a Lock around each whole loop", "20; each process's 5 updates contiguous", "the same", env -> {
            var r = env.example(E000_10_ValueWithLock::run);
            assertEquals(20, (int) r.value().<Integer>get("final"));
            List<Integer> printed = new ArrayList<>(r.groups("(\\d+)").stream().map(Integer::valueOf).toList());
            Collections.sort(printed);
            assertTrue(printed.equals(List.of(3, 6, 9, 12, 15, 16, 17, 18, 19, 20))
                    || printed.equals(List.of(1, 2, 3, 4, 5, 8, 11, 14, 17, 20)), "not contiguous: " + printed);
            return r.value();
        });
        c.add("E000-11", "start cost and pids", "threads share the pid, processes each have one",
                "process backends: distinct pids; threads: the parent's", env -> {
            var r = env.example(E000_11_StartCost::run);
            long parent = r.value().<Long>get("parentPid");
            List<Long> pids = r.value().get("childPids");
            if (env.has(DISTINCT_PIDS)) {
                assertFalse(pids.contains(parent), pids.toString());
                assertEquals(pids.size(), (int) r.value().<Integer>get("distinctPids"), pids.toString());
            } else {
                assertTrue(pids.stream().allMatch(p -> p == parent), pids.toString());
            }
            return r.value();
        });
        return c.checks();
    }

    static List<Check> seed001() {
        CheckList c = new CheckList("examples 001");
        c.add("E001-01", "one process looks at his watch", "both lines printed by the child before join returns", "the same", env -> {
            var r = env.example(E001_01_Watch::run);
            assertEquals(1, r.count("Mike is looking at his/her watch"), r.text());
            assertEquals(1, r.groups("Mike's Watch says it is (.+)").size(), r.text());
            assertEquals(0, (int) r.value().<Integer>get("exitCode"));
            return r.value();
        });
        c.add("E001-02", "the same with pids", "the child's pid differs", "process backends: differs; threads: same", env -> {
            var r = env.example(E001_02_WatchPids::run);
            long parent = r.value().<Long>get("parentPid");
            List<String> child = r.groups("Mike\\((\\d+)\\) is looking at his/her watch");
            assertEquals(1, child.size(), r.text());
            assertEquals(env.has(DISTINCT_PIDS), Long.parseLong(child.getFirst()) != parent, r.text());
            return r.value();
        });
        c.add("E001-03", "the parent reads a global the child set", "NameError: the parent has no value",
                "isolated memory: no value; threads: the child's value", env -> {
            var r = env.example(E001_03_GlobalNotShared::run);
            if (env.has(ISOLATED_MEMORY)) {
                assertNull(r.value().get("parentSees"));
                assertEquals(1, r.count("NameError: name 'now' is not defined"), r.text());
            } else {
                assertNotNull(r.value().get("parentSees"));
            }
            return r.value();
        });
        c.add("E001-04", "Pipe: the child sends the time", "the parent receives what was sent", "the same", env -> {
            var r = env.example(E001_04_PipeWatch::run);
            List<String> sent = r.groups("Mike\\(\\d+\\)'s Watch says it is (.+)");
            assertEquals(1, sent.size(), r.text());
            assertEquals(sent.getFirst(), r.value().get("received"));
            return r.value();
        });
        c.add("E001-05", "Queue: the child puts [42, None, 'hello']", "an equal list arrives", "the same (null element kept)", env -> {
            var r = env.example(E001_05_QueueList::run);
            assertEquals(Arrays.asList(42, null, "hello"), r.value().get("got"));
            return r.value();
        });
        c.add("E001-06", "Lock: 10 processes print under it", "10 whole lines, 0..9 once each", "the same", env -> {
            var r = env.example(E001_06_LockedPrints::run);
            assertTenLines(r);
            return r.value();
        });
        return c.checks();
    }

    static void assertTenLines(Captured<ExampleResult> r) {
        List<Integer> nums = new ArrayList<>(r.groups("hello world (\\d+)").stream().map(Integer::valueOf).toList());
        Collections.sort(nums);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), nums, r.text());
        assertEquals(Collections.nCopies(10, 0), r.value().get("exitCodes"));
    }
}
