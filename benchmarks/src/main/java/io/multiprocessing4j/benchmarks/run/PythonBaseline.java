package io.multiprocessing4j.benchmarks.run;

import io.multiprocessing4j.benchmarks.results.BenchRecord;
import io.multiprocessing4j.benchmarks.results.RecordIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CPython's {@code multiprocessing} baseline ({@code python_baseline.py}), run one group at a
 * time between the Java benchmarks so that both see the same machine.
 */
public final class PythonBaseline {
    /** The environment variable that names the script, overriding the search. */
    public static final String ENV = "MP4J_PYTHON_BASELINE";
    private static final String RELATIVE = "shared/bench/python_baseline.py";

    private final Path script;
    private final String python;
    private final boolean quick;
    private final Path logDir;
    private Map<String, Object> meta = Map.of();

    private PythonBaseline(Path script, String python, boolean quick, Path logDir) {
        this.script = script;
        this.python = python;
        this.quick = quick;
        this.logDir = logDir;
    }

    /**
     * Finds the script and {@code python3}.
     *
     * @param repoRoot the clone's root: the script is looked for at {@code ../shared/bench/} beside
     *     it (and above it), unless {@link #ENV} names it
     * @param quick pass {@code --quick}
     * @param logDir where the script's stderr goes
     * @param problems receives why the baseline cannot run, if it cannot
     * @return the baseline, or empty when it cannot run
     */
    public static Optional<PythonBaseline> locate(Path repoRoot, boolean quick, Path logDir, List<String> problems) {
        Path script = null;
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            script = Path.of(env);
            if (!Files.isRegularFile(script)) {
                problems.add(ENV + " names " + script + ", which does not exist");
                return Optional.empty();
            }
        } else {
            for (Path d = repoRoot.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path candidate = d.resolveSibling(RELATIVE);
                if (d.getParent() != null && Files.isRegularFile(candidate)) {
                    script = candidate;
                    break;
                }
            }
            if (script == null) {
                problems.add("python_baseline.py not found at ../" + RELATIVE + " beside " + repoRoot.toAbsolutePath()
                        + " (set " + ENV + " to its path)");
                return Optional.empty();
            }
        }
        if (!works("python3")) {
            problems.add("python3 is not on the PATH");
            return Optional.empty();
        }
        return Optional.of(new PythonBaseline(script, "python3", quick, logDir));
    }

    /** @return the script's path */
    public Path script() {
        return script;
    }

    /** @return the baseline's {@code _meta} record from its first run (machine, Python version), or empty */
    public Map<String, Object> meta() {
        return meta;
    }

    /**
     * Runs the baseline's benchmarks whose names start with any of {@code prefixes}, both start
     * methods.
     *
     * @param prefixes the {@code --only} prefixes
     * @param problems receives a note if the run failed
     * @return its records
     */
    public List<BenchRecord> run(List<String> prefixes, List<String> problems) {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--only", String.join(",", prefixes)));
        if (quick) {
            cmd.add("--quick");
        }
        Path err = logDir.resolve("python-" + String.join("_", prefixes).replace(',', '_') + ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                problems.add("python baseline timed out: " + cmd);
            }
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
            if (meta.isEmpty()) {
                meta = RecordIo.readMeta(lines);
            }
            return RecordIo.readRecords(lines);
        } catch (IOException e) {
            problems.add("python baseline failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while running the python baseline");
        } catch (IllegalArgumentException e) {
            problems.add("python baseline printed a bad record: " + e.getMessage());
        }
        return List.of();
    }

    private static boolean works(String exe) {
        try {
            Process p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
