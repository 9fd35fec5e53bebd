package io.multiprocessing4j.benchmarks.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The command line of {@link Compare}. */
final class Options {
    static final String USAGE = """
            usage: Compare [--quick | --full] [--only NAME,...] [--backends NAME,...] [--no-python] [--all]
                           [--out DIR] [--repo DIR] [--list]
              --quick      few short iterations, the quick set (default; about 2 minutes per backend)
              --full       longer iterations, every benchmark including the pinned and scaling sweeps
              --only       benchmarks whose name, JMH method or group starts with one of these
              --backends   only these backends (default: every backend found)
              --no-python  skip the CPython baseline
              --all        in quick mode, also run what only --full runs (pinned ping-pong, scaling)
              --out        where results.jsonl, report.html, table.md and logs/ go
                           (default: benchmarks/target/bench)
              --repo       the clone's root, to find ../shared/bench/python_baseline.py
                           (default: the working directory; or set MP4J_PYTHON_BASELINE)
              --list       list the selected benchmarks and exit""";

    boolean quick = true;
    boolean all;
    boolean python = true;
    boolean list;
    boolean help;
    List<String> only;
    List<String> backends;
    Path out;
    Path repoRoot = Path.of("").toAbsolutePath();

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick", "quick" -> o.quick = true;
                case "--full", "full" -> o.quick = false;
                case "--all" -> o.all = true;
                case "--no-python" -> o.python = false;
                case "--list" -> o.list = true;
                case "--help", "-h" -> o.help = true;
                case "--only" -> o.only = split(value(args, ++i, a));
                case "--backends" -> o.backends = split(value(args, ++i, a));
                case "--out" -> o.out = Path.of(value(args, ++i, a));
                case "--repo" -> o.repoRoot = Path.of(value(args, ++i, a)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (o.out == null) {
            o.out = Files.isDirectory(o.repoRoot.resolve("benchmarks"))
                    ? o.repoRoot.resolve("benchmarks/target/bench") : o.repoRoot.resolve("target/bench");
        }
        return o;
    }

    List<Spec> select(List<Spec> specs) {
        return specs.stream()
                .filter(s -> !s.fullOnly() || !quick || all)
                .filter(s -> only == null || only.stream().anyMatch(p -> matches(s, p)))
                .toList();
    }

    private static boolean matches(Spec s, String prefix) {
        return (s.group() != null && s.group().startsWith(prefix)) || s.benchmark().startsWith(prefix)
                || s.outputs().stream().anyMatch(o -> o.bench().startsWith(prefix));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
