package io.multiprocessing4j.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for cross-process tests, started with plain {@link ProcessBuilder} (independent of
 * the backend's own launch code under test). It runs {@link ChildMain} with the test class path;
 * handles travel as Base64 of their serialized form, and its output lines are read with bounds.
 */
final class JvmChild implements AutoCloseable {
    static final long BOUND_SECONDS = 30;
    private final Process process;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
    private final StringBuilder stderr = new StringBuilder();
    private final Thread errReader;

    private JvmChild(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "child-stdout");
        out.setDaemon(true);
        out.start();
        errReader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "child-stderr");
        errReader.setDaemon(true);
        errReader.start();
    }

    private void pump(BufferedReader in, boolean toQueue) {
        try (in) {
            for (String line; (line = in.readLine()) != null; ) {
                if (toQueue) {
                    lines.add(line);
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the child went away
        }
    }

    /** Starts {@code ChildMain command args...}. */
    static JvmChild start(String command, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildMain.class.getName());
        cmd.add(command);
        cmd.addAll(List.of(args));
        try {
            return new JvmChild(new ProcessBuilder(cmd).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) for the next output line. */
    String line() {
        try {
            String l = lines.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("child printed no line within " + BOUND_SECONDS + " s; stderr: " + stderr());
            }
            return l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a line and checks it. */
    void expect(String expected) {
        assertEquals(expected, line(), () -> "stderr: " + stderr());
    }

    long pid() {
        return process.pid();
    }

    /** Waits (bounded) for the exit and returns its code. */
    int exitCode() {
        try {
            assertTrue(process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS), () -> "child did not exit; stderr: " + stderr());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void killHard() {
        process.destroyForcibly();
        exitCode();
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String encode(Object handle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @SuppressWarnings("unchecked")
    static <T> T decode(String text) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
