package io.multiprocessing4j.examples;

import io.multiprocessing4j.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E004-05: {@code daemon} False against True when the main program ends. Runs
 * {@link E004_05_DaemonMain} as a separate program (a child JVM with this JVM's {@code java} and
 * class path) and inspects its output: the non-daemon child finished, the daemon child was cut
 * short, and the daemon's process is gone once the program has exited.
 */
public final class E004_05_DaemonAtExit {
    private static final Pattern DAEMON_PID = Pattern.compile("daemon pid: (\\d+)");

    private E004_05_DaemonAtExit() {
    }

    /**
     * Runs the example.
     *
     * @param mp the context (its backend is the one the program uses)
     * @param scale the time scale
     * @return the program's exit code, what its children printed, and whether the daemon is gone
     * @throws IOException if the program cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static ExampleResult run(Context mp, TimeScale scale) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), E004_05_DaemonMain.class.getName(), mp.backendName(),
                Long.toString(scale.millisPerSecond())).redirectErrorStream(true);
        Process program = pb.start();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copy(program.getInputStream(), buffer));
        boolean exited = program.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            program.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        List<String> lines = out.lines().toList();
        Matcher m = DAEMON_PID.matcher(out);
        boolean daemonGone = true;
        if (m.find()) {
            long pid = Long.parseLong(m.group(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    daemonGone = false;
                    break;
                }
                Thread.sleep(20); // polling another program's pid: there is nothing to wait on
            }
        }
        return new ExampleResult().put("exited", exited).put("exitCode", exited ? program.exitValue() : null)
                .put("musicLines", lines.stream().filter("play music ..."::equals).count())
                .put("p1Done", lines.contains("p1 done")).put("p2Done", lines.contains("p2 done"))
                .put("daemonGone", daemonGone);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_05_DaemonAtExit::run);
    }
}
