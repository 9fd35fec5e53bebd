package io.multiprocessing4j.tck;

import static io.multiprocessing4j.Capability.ISOLATED_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.examples.*;
import io.multiprocessing4j.tck.Check.Feature;
import java.util.Collections;
import java.util.List;

/** The seed examples of seed 002 (fork, exit codes, pools, pipes, shared memory, threads as processes). */
final class ExampleChecks002 {
    private static final String PY = "as the seed shows";

    private ExampleChecks002() {
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
}
