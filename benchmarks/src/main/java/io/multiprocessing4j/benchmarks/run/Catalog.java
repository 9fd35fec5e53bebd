package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.benchmarks.jmh.Pinning;
import io.multiprocessing4j.benchmarks.jmh.Sizes;
import io.multiprocessing4j.benchmarks.report.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every benchmark of the comparison, in run order, each named and described as in the Python
 * baseline (its {@code params.what}).
 */
public final class Catalog {
    private static final double MB = 1e6;
    private static final String HIGHER = "higher";
    private static final String LOWER = "lower";
    private static final Function<Map<String, String>, String> NONE = p -> null;

    private Catalog() {
    }

    /** @return every spec, in run order */
    public static List<Spec> all() {
        List<Spec> s = new ArrayList<>();
        Map<String, List<String>> starts = Map.of("start", List.of("spares", "cold"));
        s.add(single("process_start_join", "ProcessStartBench.processStartJoin", starts, 6, 30, 2,
                new Output("process_start_join", p -> p.get("start"), NONE, "ms", LOWER, Output.score(),
                        "Process(target=noop); start(); join()  -- one sample per process"), false));
        s.add(single("process_start_first_instruction", "ProcessStartBench.processStartFirstInstruction", starts, 5, 25, 2,
                new Output("process_start_first_instruction", p -> p.get("start"), NONE, "ms", LOWER,
                        Output.secondary("firstInstructionMs"),
                        "parent System.nanoTime() just before start() -> child's first line of target"), false));
        String queueWhat = "1 child put()s n items + sentinel into one Queue, parent get()s them";
        s.add(timed("queue_throughput", "QueueBench.queueInt", Map.of(), out("queue_throughput", "int", "msgs/s",
                HIGHER, Output.score(), queueWhat + " (n = " + Sizes.QUEUE_ITEMS + " small ints)")));
        s.add(timed("queue_throughput", "QueueBench.queue1KiB", Map.of(), out("queue_throughput", "bytes_1KiB",
                "msgs/s", HIGHER, Output.score(), queueWhat + " (n = " + Sizes.QUEUE_ITEMS + " x 1 KiB)")));
        s.add(timed("queue_throughput", "QueueBench.queue64KiB", Map.of(), out("queue_throughput_64k", null, "MB/s",
                HIGHER, Output.scaled(64 * 1024 / MB), queueWhat + " (n = " + Sizes.QUEUE_64K_ITEMS + " x 64 KiB)")));
        s.add(timed("pingpong", "PipeBench.pipePingpong", Map.of("placement", List.of(Pinning.UNPINNED)),
                pipePingpong()));
        s.add(timed("pingpong", "SyncBench.syncEvent", Map.of("placement", List.of(Pinning.UNPINNED)), sync("event")));
        s.add(timed("pingpong", "SyncBench.syncSemaphore", Map.of("placement", List.of(Pinning.UNPINNED)),
                sync("semaphore")));
        Map<String, List<String>> pinned = Map.of("placement", List.of(Pinning.SAME_CPU, Pinning.CROSS_CPU));
        // pinned placements: full mode (or --all) only, to keep the quick set near two minutes
        s.add(new Spec("pingpong", "PipeBench.pipePingpong", pinned, false, null, List.of(pipePingpong()), true));
        s.add(new Spec("pingpong", "SyncBench.syncEvent", pinned, false, null, List.of(sync("event")), true));
        s.add(new Spec("pingpong", "SyncBench.syncSemaphore", pinned, false, null, List.of(sync("semaphore")), true));
        String pipeWhat = "child conn.sendBytes() " + Sizes.PIPE_CHUNKS + " x 64 KiB on a duplex Pipe(), parent ";
        s.add(timed("pipe_throughput", "PipeBench.pipeRecvBytes", Map.of(), out("pipe_throughput", "recv_bytes", "MB/s",
                HIGHER, Output.scaled(Sizes.PIPE_CHUNK_BYTES / MB), pipeWhat + "recvBytes()")));
        s.add(timed("pipe_throughput", "PipeBench.pipeRecvBytesInto", Map.of(), out("pipe_throughput",
                "recv_bytes_into", "MB/s", HIGHER, Output.scaled(Sizes.PIPE_CHUNK_BYTES / MB),
                pipeWhat + "recvBytesInto(preallocated buffer)")));
        s.add(timed("lock_uncontended", "LockBench.lockAcquireRelease", Map.of(), out("lock_uncontended",
                "acquire_release", "ns", LOWER, Output.score(), "lock.acquire(); lock.release() in one process")));
        s.add(timed("lock_uncontended", "LockBench.lockWith", Map.of(), out("lock_uncontended", "with", "ns", LOWER,
                Output.score(), "try (var held = lock.held()) {}  (Python: with lock: pass)")));
        s.add(timed("lock_contended", "LockBench.lockContended", Map.of(), out("lock_contended", null, "ops/s", HIGHER,
                Output.score(), "2 procs x " + Sizes.LOCK_CONTENDED_ITERS
                        + ": lock.acquire(); raw_value += 1; lock.release()  (checked exact)")));
        s.add(timed("value_increment", "LockBench.valueIncrement", Map.of(), out("value_increment", null, "ops/s",
                HIGHER, Output.score(), "2 procs x " + Sizes.VALUE_ITERS
                        + ": with v.get_lock(): v.value += 1  (checked exact)")));
        s.add(arrayBandwidth());
        s.add(single("pool_startup", "PoolBench.poolStartup", Map.of(), 3, 9, 1, new Output("pool_startup", NONE, NONE,
                "ms", LOWER, Output.score(), "Pool(2) + first map of 4 items with chunksize=1 (workers up and serving)"),
                false));
        String mapWhat = "pool.map wall time / items (pool of 2 already running), identity function, ";
        s.add(timed("pool_map_overhead", "PoolBench.poolMapDefault", Map.of(), out("pool_map_overhead",
                "default_chunksize", "us", LOWER, Output.score(), mapWhat + Sizes.POOL_ITEMS + " items")));
        s.add(timed("pool_map_overhead", "PoolBench.poolMapChunk1", Map.of(), out("pool_map_overhead", "chunksize_1",
                "us", LOWER, Output.score(), mapWhat + Sizes.POOL_ITEMS_CS1 + " items, chunksize 1")));
        s.add(timed("pool_map_overhead", "PoolBench.poolApplyAsync", Map.of(), out("pool_apply_async_latency", null,
                "us", LOWER, Output.score(), "apply_async(f, (i,)).get(), sequential, pool of 2")));
        s.add(single("manager_startup", "ManagerBench.managerStartup", Map.of(), 3, 9, 1, new Output("manager_startup",
                NONE, NONE, "ms", LOWER, Output.score(), "Manager() started + dict() proxy created + one set"), false));
        s.add(timed("manager_dict_ops", "ManagerBench.managerDictOps", Map.of(), out("manager_dict_ops", null, "ops/s",
                HIGHER, (it, p) -> perSecond(it, "commands", 2.0 * Sizes.MANAGER_ITERS, "childNs"),
                "child process: d[k] = i; d[k]  on manager.dict() (op = one proxy call), 64 int keys, timed in the child")));
        s.addAll(scaling());
        return List.copyOf(s);
    }

    /**
     * @param specs some specs
     * @return every row they fill, in order, without repeats
     */
    public static List<Row> rows(List<Spec> specs) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Spec s : specs) {
            for (Row r : s.rows()) {
                rows.putIfAbsent(r.label(), r);
            }
        }
        return List.copyOf(rows.values());
    }

    private static List<Spec> scaling() {
        Output msgs = new Output("queue_scaling", Catalog::queueVariant, NONE, "msgs/s", HIGHER,
                (it, p) -> it.getPrimaryResult().getScore() * Sizes.queueScalingItems(Integer.parseInt(p.get("bytes"))),
                "N producer processes share a burst of messages of B bytes on one Queue; parent get()s all");
        Output mbs = new Output("queue_scaling_bandwidth", Catalog::queueVariant, NONE, "MB/s", HIGHER,
                (it, p) -> {
                    int b = Integer.parseInt(p.get("bytes"));
                    return it.getPrimaryResult().getScore() * Sizes.queueScalingItems(b) * b / MB;
                }, "as queue_scaling, in payload megabytes per second");
        Map<String, List<String>> byProducers = new LinkedHashMap<>();
        byProducers.put("producers", List.of("1", "2", "4", "8"));
        byProducers.put("bytes", List.of("1024"));
        Map<String, List<String>> bySize = new LinkedHashMap<>();
        bySize.put("producers", List.of("1"));
        bySize.put("bytes", List.of("8", "65536", "1048576"));
        Output pool = new Output("pool_scaling", p -> "workers=" + p.get("workers"), NONE, "tasks/s", HIGHER,
                Output.score(), "pool.map(identity, " + Sizes.POOL_SCALING_ITEMS + " items, chunksize=1) with N workers");
        return List.of(
                new Spec(null, "QueueBench.queueScaling", byProducers, false, null, List.of(msgs, mbs), true),
                new Spec(null, "QueueBench.queueScaling", bySize, false, null, List.of(msgs, mbs), true),
                new Spec(null, "PoolBench.poolScaling", Map.of("workers", List.of("1", "2", "4", "8")), false, null,
                        List.of(pool), true));
    }

    private static String queueVariant(Map<String, String> p) {
        return "producers=" + p.get("producers") + ",bytes=" + p.get("bytes");
    }

    private static Spec arrayBandwidth() {
        double size = Sizes.ARRAY_BYTES;
        String common = "Array('b', " + Sizes.ARRAY_BYTES + ") with its lock taken around each copy; ";
        return new Spec("array_bandwidth", "ArrayBench.arrayEndToEnd", Map.of(), false, null, List.of(
                out("array_bandwidth", "end_to_end", "MB/s", HIGHER, Output.scaled(size / MB),
                        common + "parent 'go' -> child writes all -> child replies -> parent has copied all out"),
                out("array_bandwidth", "child_write", "MB/s", HIGHER,
                        (it, p) -> perSecond(it, "copies", size / MB, "childWriteNs"),
                        common + "child-side copy into the shared array (timed in the child)"),
                out("array_bandwidth", "parent_read", "MB/s", HIGHER,
                        (it, p) -> perSecond(it, "copies", size / MB, "parentReadNs"),
                        common + "parent-side copy out of the shared array")), false);
    }

    /** Units per second from two summed counters: count × unitsEach / (nanos / 1e9). */
    private static Double perSecond(org.openjdk.jmh.results.IterationResult it, String countName, double unitsEach,
            String nanosName) {
        var count = it.getSecondaryResults().get(countName);
        var nanos = it.getSecondaryResults().get(nanosName);
        if (count == null || nanos == null || nanos.getScore() <= 0) {
            return null;
        }
        return count.getScore() * unitsEach / (nanos.getScore() / 1e9);
    }

    private static Output pipePingpong() {
        return new Output("pipe_pingpong", Catalog::placementVariant, Catalog::placementVariant, "us", LOWER,
                Output.score(), "send(small int); recv() round trip on a duplex Pipe() to an echoing child");
    }

    private static Output sync(String kind) {
        Function<Map<String, String>, String> v = p -> Pinning.UNPINNED.equals(p.get("placement"))
                ? kind : kind + "_" + p.get("placement");
        String cycle = "event".equals(kind)
                ? "parent: e1.set(); e2.wait(); e2.clear()  child: e1.wait(); e1.clear(); e2.set()"
                : "parent: s1.release(); s2.acquire()  child: s1.acquire(); s2.release()";
        return new Output("sync_pingpong", v, v, "us", LOWER, Output.score(),
                cycle + "  (" + Sizes.SYNC_ROUND_TRIPS + " round trips per command)");
    }

    private static String placementVariant(Map<String, String> p) {
        String pl = p.get("placement");
        return pl == null || Pinning.UNPINNED.equals(pl) ? null : pl;
    }

    private static Output out(String bench, String variant, String unit, String better, Output.Figure f, String what) {
        return new Output(bench, p -> variant, p -> variant, unit, better, f, what);
    }

    private static Spec timed(String group, String benchmark, Map<String, List<String>> params, Output o) {
        return new Spec(group, benchmark, params, false, null, List.of(o), false);
    }

    private static Spec single(String group, String benchmark, Map<String, List<String>> params, int quick, int full,
            int warmup, Output o, boolean fullOnly) {
        return new Spec(group, benchmark, params, true, new int[] {quick, full, warmup}, List.of(o), fullOnly);
    }
}
