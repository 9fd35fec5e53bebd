package io.multiprocessing4j.benchmarks.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.benchmarks.jmh.Pinning;
import io.multiprocessing4j.benchmarks.jmh.Sizes;
import io.multiprocessing4j.benchmarks.report.Row;
import io.multiprocessing4j.benchmarks.report.Target;
import io.multiprocessing4j.benchmarks.report.Targets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {
    @Test
    void everyTargetOfTheIssueHasARowToBeJudgedOn() {
        List<Row> rows = Catalog.rows(Catalog.all());
        for (Target t : Targets.issue()) {
            assertTrue(rows.stream().anyMatch(t::appliesTo), "no row for target " + t);
        }
    }

    @Test
    void coversEveryBenchmarkOfThePythonBaselineUnderItsName() {
        Set<String> benches = new HashSet<>();
        Catalog.all().forEach(s -> s.outputs().forEach(o -> benches.add(o.bench())));
        for (String name : List.of("process_start_join", "process_start_first_instruction", "queue_throughput",
                "queue_throughput_64k", "pipe_pingpong", "pipe_throughput", "lock_uncontended", "lock_contended",
                "value_increment", "array_bandwidth", "pool_startup", "pool_map_overhead",
                "pool_apply_async_latency", "manager_startup", "manager_dict_ops", "sync_pingpong")) {
            assertTrue(benches.contains(name), name);
        }
    }

    @Test
    void pinnedVariantsAreNamedAsThePythonOnes() {
        List<String> labels = Catalog.rows(Catalog.all()).stream().map(Row::label).toList();
        assertTrue(labels.containsAll(List.of("pipe_pingpong", "pipe_pingpong/same_cpu", "pipe_pingpong/cross_cpu",
                "sync_pingpong/event", "sync_pingpong/semaphore_cross_cpu")), labels.toString());
        assertEquals(labels.size(), new HashSet<>(labels).size(), "rows repeat");
    }

    @Test
    void quickSkipsTheFullOnlySweepsUnlessAskedAndOnlyFilters() {
        Options quick = Options.parse(new String[] {"--quick"});
        assertTrue(quick.select(Catalog.all()).stream().noneMatch(Spec::fullOnly));
        assertTrue(quick.select(Catalog.all()).stream().noneMatch(s -> s.params().containsKey("placement")
                && s.params().get("placement").contains(Pinning.CROSS_CPU)), "pinned runs in quick mode");
        Options full = Options.parse(new String[] {"full"});
        assertEquals(Catalog.all().size(), full.select(Catalog.all()).size());
        Options all = Options.parse(new String[] {"--all"});
        assertTrue(all.select(Catalog.all()).stream().anyMatch(Spec::fullOnly));
        Options only = Options.parse(new String[] {"--only", "pool_map"});
        assertEquals(List.of("PoolBench.poolMapDefault", "PoolBench.poolMapChunk1", "PoolBench.poolApplyAsync"),
                only.select(Catalog.all()).stream().map(Spec::benchmark).toList());
    }

    @Test
    void specCombinationsAreTheCartesianProduct() {
        Spec s = new Spec(null, "X.y", Map.of("a", List.of("1", "2")), false, null, List.of(), false);
        assertEquals(List.of(Map.of("a", "1"), Map.of("a", "2")), s.combinations());
    }

    @Test
    void readsFailureReasonsFromAJmhLog() {
        List<String> log = List.of(
                "# Benchmark: io.multiprocessing4j.benchmarks.jmh.ManagerBench.managerStartup",
                "# Parameters: (backend = threads)",
                "# Warmup Iteration   1: <failure>",
                "",
                "java.lang.UnsupportedOperationException: the generic manager is not built yet",
                "\tat io.multiprocessing4j.spi.AbstractContext.newManager(AbstractContext.java:138)",
                "# Parameters: (backend = forkjvm, start = cold)",
                "Iteration   1: <failure>",
                "",
                "java.lang.IllegalStateException: setup",
                "Caused by: java.io.IOException: no socket",
                "",
                "# Run complete.");
        Map<String, String> f = FailureLog.parse(log);
        assertEquals("UnsupportedOperationException: the generic manager is not built yet", f.get("{backend=threads}"));
        assertEquals("IllegalStateException: setup; caused by IOException: no socket",
                f.get("{backend=forkjvm, start=cold}"));
    }

    @Test
    void parsesCpuListsAndSizesScalingBursts() {
        assertEquals(List.of(0, 1, 2, 5), Pinning.parseCpuList("0-2,5"));
        assertEquals(4000, Sizes.queueScalingItems(8));
        assertEquals(64, Sizes.queueScalingItems(1 << 20));
        assertEquals(1024, Sizes.queueScalingItems(65536));
    }
}
