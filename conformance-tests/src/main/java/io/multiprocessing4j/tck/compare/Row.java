package io.multiprocessing4j.tck.compare;

import io.multiprocessing4j.examples.ExampleResult;
import io.multiprocessing4j.tck.Check;
import io.multiprocessing4j.tck.CheckRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One example's outcome on every backend, and what differs between them.
 *
 * @param check the example's check
 * @param outcomes per backend name, in the report's order
 */
record Row(Check check, Map<String, CheckRunner.Outcome> outcomes) {
    /** Facts that are expected to differ from run to run (times, pids), left out of the comparison. */
    private static final Set<String> VOLATILE = Set.of("meanStartMs", "serialMs", "parallelMs", "ms", "elapsedMs",
            "parentPid", "childPid", "childPids", "terminateMs", "received", "checks", "sendOnReceiveEnd");

    /** @return the facts that differ between the backends that passed, as {@code fact: a | b} */
    String differences() {
        Map<String, Map<String, Object>> byFact = new TreeMap<>();
        for (var e : outcomes.entrySet()) {
            if (e.getValue().status() == CheckRunner.Status.PASSED && e.getValue().value() instanceof ExampleResult r) {
                for (var f : r.facts().entrySet()) {
                    if (!VOLATILE.contains(f.getKey())) {
                        // a time of day differs on every run: compare only whether there is one
                        Object v = f.getValue() instanceof String str && str.matches("\\w{3} \\w{3} [ \\d]\\d .*") ? "<a time>" : f.getValue();
                        byFact.computeIfAbsent(f.getKey(), k -> new LinkedHashMap<>()).put(e.getKey(), v);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (var f : byFact.entrySet()) {
            if (f.getValue().values().stream().map(String::valueOf).distinct().count() > 1) {
                if (!out.isEmpty()) {
                    out.append("; ");
                }
                out.append(f.getKey()).append(": ");
                f.getValue().forEach((b, v) -> out.append(b).append('=').append(v).append(' '));
            }
        }
        return out.toString().trim();
    }

    /**
     * @param backend a backend's name
     * @return its outcome as a short cell: PASS/FAIL/SKIP and the time
     */
    String cell(String backend) {
        CheckRunner.Outcome o = outcomes.get(backend);
        if (o == null) {
            return "-";
        }
        return switch (o.status()) {
            case PASSED -> "PASS " + o.millis() + "ms";
            case FAILED -> "FAIL " + o.millis() + "ms";
            case SKIPPED -> "SKIP";
        };
    }

    /**
     * @param backend a backend's name
     * @return why it failed or was skipped, or null
     */
    String reason(String backend) {
        CheckRunner.Outcome o = outcomes.get(backend);
        return o == null || o.failure() == null ? null : Objects.toString(o.failure().getMessage(), o.failure().toString())
                .lines().findFirst().orElse("");
    }
}
