package io.multiprocessing4j.tck;

import static io.multiprocessing4j.Capability.DISTINCT_PIDS;
import static io.multiprocessing4j.Capability.ISOLATED_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.examples.*;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The seed examples of {@code EXAMPLES.md}, each run and held to its "must show" column. */
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

    static List<Check> seed002() {
        CheckList c = new CheckList("examples 002");
        c.add("E002-01", "fork: both branches, tail line twice", "child and parent branch once each, tail twice",
                "the same (child process for the child branch)", env -> {
            var r = env.example(E002_01_ForkBranches::run);
            assertEquals(1, r.count("New process"), r.text());
            assertEquals(1, r.count("The old process"), r.text());
            assertEquals(2, r.count("fork test end..."), r.text());
            return r.value();
        });
        c.add("E002-02", "os._exit(3) and os.wait()", "wait returns the child, status 3", "the same", env -> {
            var r = env.example(E002_02_ExitStatus::run);
            assertEquals(true, r.value().get("waitedIsChild"));
            assertEquals(3, (int) r.value().<Integer>get("status"));
            assertEquals(1, r.groups("Child (\\d+) process exit").size(), r.text());
            return r.value();
        });
        c.add("E002-03", "os._exit(n), sys.exit(), sys.exit(n), sys.exit('msg')", "5, 0, 7, 1 with msg on stderr", "the same", env -> {
            var r = env.example(E002_03_ExitForms::run);
            assertEquals(List.of(5, 0, 7, 1), r.value().get("exitCodes"));
            assertTrue(r.err().contains("msg"), "stderr: " + r.err());
            return r.value();
        });
        c.add("E002-04", "target with positional and keyword arguments", "I'm Levi three times", "the same", env -> {
            var r = env.example(E002_04_WorkerArgs::run);
            assertEquals(3, r.count("I'm Levi"), r.text());
            assertEquals(3, r.count("I'm working..."), r.text());
            return r.value();
        });
        c.add("E002-05", "ClockProcess subclass carrying a field", "five ticks, value seconds apart", "the same", env -> {
            var r = env.example(E002_05_ClockProcess::run);
            assertEquals(5, r.groups("The time is (.+)").size(), r.text());
            long elapsed = r.value().get("elapsedMs");
            assertTrue(elapsed >= env.scale().seconds(10).toMillis(), "five ticks of 2 s take at least 10 s: " + elapsed);
            return r.value();
        });
        c.needing(Feature.POOL, "E002-06", "Pool(4), 10 x apply_async; apply", "4 at a time; apply one at a time", "the same", env -> {
            var r = env.example(E002_06_PoolWaves::run);
            assertEquals(10, (int) r.value().<Integer>get("results"));
            int peak = r.value().get("asyncPeak");
            assertTrue(peak >= 1 && peak <= 4, "peak " + peak);
            assertEquals(1, (int) r.value().<Integer>get("applyPeak"));
            return r.value();
        });
        c.needing(Feature.POOL, "E002-07", "pool.map with the default size", "[1, 4, 9, 16, 25]; cpu_count workers", "the same", env -> {
            var r = env.example(E002_07_PoolMap::run);
            assertEquals(List.of(1, 4, 9, 16, 25), r.value().get("result"));
            assertEquals(Multiprocessing.cpuCount(), (int) r.value().<Integer>get("processes"));
            return r.value();
        });
        c.add("E002-08", "Pipe(False): 5 senders, 5 receives", "5 messages; sending on the read end raises", "the same", env -> {
            var r = env.example(E002_08_OneWayPipe::run);
            List<Object> got = r.value().get("received");
            assertEquals(Collections.nCopies(5, List.of(1, 2, 3, 4, 5)), got);
            assertTrue(r.value().<String>get("sendOnReceiveEnd").startsWith("IllegalStateException"), r.text());
            return r.value();
        });
        c.add("E002-09", "Queue: 5 puts of (10,2), 3 gets", "three sum = 12; two left", "the same", env -> {
            var r = env.example(E002_09_QueueSums::run);
            assertEquals(3, r.count("sum =  12"), r.text());
            assertEquals(2, (int) r.value().<Integer>get("left"));
            return r.value();
        });
        c.add("E002-10", "Array('c', b'Hello'); the child sets shm[0]", "the parent reads hello", "the same, on every backend", env -> {
            var r = env.example(E002_10_ArrayChars::run);
            assertEquals("hello", r.value().get("value"));
            assertEquals(1, r.count("b'H' fun"), r.text());
            assertEquals(1, r.count("b'h' shm"), r.text());
            assertEquals("[1, 2, 3, 4]", r.value().get("ints"));
            assertEquals("[0, 0, 0, 0, 0]", r.value().get("zeros"));
            return r.value();
        });
        c.add("E002-11", "Semaphore(3), 5 processes", "never more than 3 inside; 3 at the end", "the same", env -> {
            var r = env.example(E002_11_Semaphore::run);
            int peak = r.value().get("peak");
            assertTrue(peak >= 1 && peak <= 3, "peak " + peak);
            assertEquals(5, (int) r.value().<Integer>get("entered"));
            assertEquals(3, (int) r.value().<Integer>get("final"));
            return r.value();
        });
        c.add("E002-12", "threads with args and kwargs", "each runs with its arguments", "the same, as processes", env -> {
            var r = env.example(E002_12_ThreadArgs::run);
            for (int i = 0; i < 3; i++) {
                assertEquals(1, r.count("t" + i + "线程执行完毕"), r.text());
            }
            assertEquals(3, r.count("线程函数传参"), r.text());
            return r.value();
        });
        c.add("E002-13", "name, daemon, rename after start, is_alive", "Daemon True, renamed, alive", "the same on a process", env -> {
            var r = env.example(E002_13_ProcessAttributes::run);
            assertEquals(true, r.value().get("daemon"));
            assertEquals("tarena", r.value().get("name"));
            assertEquals(true, r.value().get("alive"));
            assertEquals(false, r.value().get("aliveAfterJoin"));
            assertEquals(1, r.count("当前线程: Tedu"), r.text());
            return r.value();
        });
        c.add("E002-14", "Event and a password", "the check passes (threads share the global)",
                "shared array: passes everywhere; plain global: only without isolated memory", env -> {
            var r = env.example(E002_14_EventPassword::run);
            assertEquals(true, r.value().get("sharedCheck"));
            assertEquals(!env.has(ISOLATED_MEMORY), r.value().get("globalCheck"));
            return r.value();
        });
        c.add("E002-15", "a Lock keeps a == b for a checker", "the checker never prints", "the same (bounded loops)", env -> {
            var r = env.example(E002_15_LockedPair::run);
            assertEquals(0, (int) r.value().<Integer>get("mismatches"), r.text());
            assertEquals(E002_15_LockedPair.ROUNDS, (int) r.value().<Integer>get("a"));
            assertEquals(E002_15_LockedPair.ROUNDS, (int) r.value().<Integer>get("b"));
            return r.value();
        });
        c.add("E002-16", "Thread subclass with target, args, kwargs, name", "runs the target under that name", "the same", env -> {
            var r = env.example(E002_16_ProcessClassWithTarget::run);
            assertEquals(2, r.groups("Playing 凉凉:(.+)").size(), r.text());
            assertEquals("Tedu", r.value().get("name"));
            assertEquals(0, (int) r.value().<Integer>get("exitCode"));
            return r.value();
        });
        return c.checks();
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
            assertTenLines(r);
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
