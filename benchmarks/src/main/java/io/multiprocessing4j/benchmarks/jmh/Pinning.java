package io.multiprocessing4j.benchmarks.jmh;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU placement for the pinned ping-pong variants, with {@code taskset}: a process backend's child
 * pins its whole JVM ({@code taskset -a -p}), the parent pins the whole benchmark JVM, and on the
 * threads backend the child "process" pins its own thread. As the Python baseline's
 * {@code pingpong_pinned}: {@code same_cpu} puts both on the first allowed CPU, {@code cross_cpu}
 * the parent on the first and the child on the second.
 */
public final class Pinning {
    /** No pinning. */
    public static final String UNPINNED = "unpinned";
    /** Parent and child on one CPU. */
    public static final String SAME_CPU = "same_cpu";
    /** Parent and child on two different CPUs. */
    public static final String CROSS_CPU = "cross_cpu";

    private Pinning() {
    }

    /**
     * Where the child goes, carried to it with its job.
     *
     * @param childCpu the CPU, or -1 for none
     * @param parentPid the parent's pid: a child with the same pid is a thread, not a process
     */
    public record Placement(int childCpu, long parentPid) implements Serializable {
        /** Pins the calling child (its whole process, or its thread on the threads backend). */
        public void applyInChild() {
            if (childCpu < 0) {
                return;
            }
            long pid = ProcessHandle.current().pid();
            if (pid != parentPid) {
                taskset("-a", "-p", "-c", Integer.toString(childCpu), Long.toString(pid));
            } else {
                taskset("-p", "-c", Integer.toString(childCpu), Long.toString(currentTid()));
            }
        }
    }

    /**
     * Plans a placement and pins this (parent) JVM accordingly.
     *
     * @param placement {@link #UNPINNED}, {@link #SAME_CPU} or {@link #CROSS_CPU}
     * @return where the child must pin itself
     * @throws UnsupportedOperationException if {@code taskset} is missing or there is only one CPU
     *     for {@code cross_cpu}
     * @throws IllegalArgumentException for another placement
     */
    public static Placement pinParent(String placement) {
        long me = ProcessHandle.current().pid();
        if (UNPINNED.equals(placement)) {
            return new Placement(-1, me);
        }
        if (!SAME_CPU.equals(placement) && !CROSS_CPU.equals(placement)) {
            throw new IllegalArgumentException("unknown placement: " + placement);
        }
        if (!tasksetAvailable()) {
            throw new UnsupportedOperationException("pinning needs taskset (util-linux), not found on PATH");
        }
        List<Integer> cpus = allowedCpus();
        if (CROSS_CPU.equals(placement) && cpus.size() < 2) {
            throw new UnsupportedOperationException("cross_cpu needs two CPUs; this process may use " + cpus);
        }
        int parent = cpus.get(0);
        int child = SAME_CPU.equals(placement) ? parent : cpus.get(1);
        taskset("-a", "-p", "-c", Integer.toString(parent), Long.toString(me));
        return new Placement(child, me);
    }

    /**
     * Lets this JVM run on every CPU it could at start again.
     *
     * @param cpus the CPUs, from {@link #allowedCpus()} before pinning
     */
    public static void unpinParent(List<Integer> cpus) {
        if (tasksetAvailable()) {
            taskset("-a", "-p", "-c", String.join(",", cpus.stream().map(String::valueOf).toList()),
                    Long.toString(ProcessHandle.current().pid()));
        }
    }

    /** @return the CPUs this process may use now, from {@code /proc/self/status} */
    public static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseCpuList(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UnsupportedOperationException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
        throw new UnsupportedOperationException("no Cpus_allowed_list in /proc/self/status");
    }

    /**
     * Parses a Linux CPU list such as {@code 0-2,5}.
     *
     * @param list the list
     * @return the CPUs, ascending as written
     * @throws IllegalArgumentException if it is malformed
     */
    public static List<Integer> parseCpuList(String list) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : list.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int dash = p.indexOf('-');
                if (dash < 0) {
                    out.add(Integer.parseInt(p));
                } else {
                    for (int c = Integer.parseInt(p.substring(0, dash)); c <= Integer.parseInt(p.substring(dash + 1)); c++) {
                        out.add(c);
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed CPU list: " + list, e);
        }
        return out;
    }

    /** @return whether {@code taskset} is on the PATH */
    public static boolean tasksetAvailable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    private static long currentTid() {
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>" for the calling thread.
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find this thread's id", e);
        }
    }

    /**
     * {@code taskset -a} sets each thread of a JVM in turn and fails if one exits meanwhile (the JVM
     * ends threads of its own at any time): a few tries absorb that.
     */
    private static void taskset(String... args) {
        for (int attempt = 1; ; attempt++) {
            try {
                tasksetOnce(args);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void tasksetOnce(String... args) {
        List<String> cmd = new ArrayList<>(List.of("taskset"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("taskset did not finish: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}
