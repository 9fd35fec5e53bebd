package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.benchmarks.report.Row;
import io.multiprocessing4j.benchmarks.results.BenchRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one {@link Spec} through JMH's Java API on every given backend (one fork per backend and
 * parameter combination) and turns the iterations into {@link BenchRecord}s. A combination that
 * produced nothing becomes an {@code n/a (reason)} record, the reason taken from the JMH log: a
 * missing feature or a failing backend never stops the run.
 */
public final class JmhDriver {
    private static final String JMH_PACKAGE = "io.multiprocessing4j.benchmarks.jmh.";
    private final boolean quick;
    private final Path logDir;
    private double loadAtStart;

    /**
     * @param quick few short iterations instead of the full set
     * @param logDir where each run's JMH log goes
     */
    public JmhDriver(boolean quick, Path logDir) {
        this.quick = quick;
        this.logDir = logDir;
    }

    /**
     * Runs a spec.
     *
     * @param spec what to run
     * @param backends the available backends to run it on
     * @return one record per output, parameter combination and backend (measured or n/a)
     */
    public List<BenchRecord> run(Spec spec, List<String> backends) {
        Path log = logDir.resolve(spec.benchmark().replace('.', '_') + "-" + String.join("_",
                spec.params().getOrDefault("placement", List.of())) + ".log");
        Collection<RunResult> results;
        String fatal = null;
        loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jmh-watchdog");
            t.setDaemon(true);
            return t;
        });
        // JMH waits for its forks without limit; a fork stuck in a tear-down must not stall the run.
        ScheduledFuture<?> kill = watchdog.schedule(JmhDriver::killForks, budgetSeconds(spec, backends.size()),
                TimeUnit.SECONDS);
        try {
            results = new Runner(options(spec, backends, log).build()).run();
        } catch (RunnerException | RuntimeException e) {
            results = List.of();
            fatal = "JMH failed: " + e.getMessage();
        } finally {
            kill.cancel(false);
            watchdog.shutdownNow();
        }
        Map<String, String> failures = failures(log);
        List<BenchRecord> out = new ArrayList<>();
        for (String backend : backends) {
            for (Map<String, String> combo : spec.combinations()) {
                RunResult rr = find(results, backend, combo);
                for (Output o : spec.outputs()) {
                    out.add(record(spec, o, combo, backend, rr, fatal, failures));
                }
            }
        }
        return out;
    }

    private BenchRecord record(Spec spec, Output o, Map<String, String> combo, String backend, RunResult rr,
            String fatal, Map<String, String> failures) {
        Row row = o.row(combo);
        String impl = "mp4j-" + backend;
        List<Double> runs = new ArrayList<>();
        if (rr != null) {
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult it : br.getIterationResults()) {
                    Double f = o.figure().of(it, combo);
                    if (f != null && Double.isFinite(f)) {
                        runs.add(f);
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            String why = failures.get(key(backend, combo));
            if (why == null) {
                why = fatal != null ? fatal : rr == null ? "benchmark failed or was stopped; see " + logDir : "no figure";
            }
            return BenchRecord.failed(row.bench(), row.variant(), impl, backend, "n/a (" + why + ")");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("what", o.what());
        params.put("jmh_benchmark", spec.benchmark());
        combo.forEach((k, v) -> params.put(k, v.matches("\\d{1,9}") ? Integer.valueOf(v) : v));
        params.put("mode", spec.singleShot() ? "single-shot samples" : "timed iterations");
        params.put("runs_are", spec.singleShot() ? "one sample each" : "one JMH iteration each");
        params.put("forks", 1);
        params.put("load_average_at_start", Math.round(loadAtStart * 100) / 100.0);
        return BenchRecord.measured(row.bench(), row.variant(), impl, backend, o.unit(), o.better(), runs, params);
    }

    private ChainedOptionsBuilder options(Spec spec, List<String> backends, Path log) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(JMH_PACKAGE + spec.benchmark()) + "$")
                .forks(1)
                .shouldFailOnError(false)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
                .param("backend", backends.toArray(String[]::new))
                .timeout(TimeValue.seconds(quick ? 60 : 180))
                .output(log.toString());
        spec.params().forEach((k, v) -> b.param(k, v.toArray(String[]::new)));
        if (spec.singleShot()) {
            int n = spec.samples()[quick ? 0 : 1];
            b.warmupIterations(spec.samples()[2]).measurementIterations(n);
        } else if (quick) {
            b.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
        } else {
            b.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(9).measurementTime(TimeValue.seconds(1));
        }
        return b;
    }

    private long budgetSeconds(Spec spec, int backends) {
        int forks = backends * spec.combinations().size();
        return (long) forks * (quick ? 120 : 600);
    }

    private static void killForks() {
        System.err.println("a benchmark exceeded its time budget: ending its JMH fork");
        ProcessHandle.current().children().forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private static RunResult find(Collection<RunResult> results, String backend, Map<String, String> combo) {
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            if (!backend.equals(p.getParam("backend"))) {
                continue;
            }
            boolean all = true;
            for (Map.Entry<String, String> e : combo.entrySet()) {
                all &= e.getValue().equals(p.getParam(e.getKey()));
            }
            if (all) {
                return r;
            }
        }
        return null;
    }

    private static String key(String backend, Map<String, String> combo) {
        Map<String, String> m = new java.util.TreeMap<>(combo);
        m.put("backend", backend);
        return m.toString();
    }

    /**
     * Reads why each parameter combination failed from a JMH log: the exception line after
     * {@code <failure>} (and its deepest {@code Caused by}), per {@code # Parameters:} section.
     *
     * @param log the log
     * @return reasons by parameter combination
     */
    static Map<String, String> failures(Path log) {
        try {
            return FailureLog.parse(Files.readAllLines(log));
        } catch (IOException e) {
            return Map.of();
        }
    }
}
