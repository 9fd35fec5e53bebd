package io.multiprocessing4j.tck;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Captures {@link System#out} and {@link System#err} while something runs (passing them on to
 * the console too when the system property {@code mp4j.tck.echo} is true), so that a check can read what a program and its children printed. Captures do not nest
 * across threads: the suite runs its checks one at a time.
 */
public final class OutputCapture {
    /** Whether captured output is also passed on to the console (system property {@code mp4j.tck.echo}). */
    private static final boolean ECHO = Boolean.getBoolean("mp4j.tck.echo");

    private OutputCapture() {
    }

    /**
     * Runs {@code body} with both streams captured.
     *
     * @param <T> what it returns
     * @param body what to run
     * @return its value and its output
     * @throws Exception whatever {@code body} throws (the streams are restored first)
     */
    public static synchronized <T> Captured<T> capture(Callable<T> body) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream teeOut = new PrintStream(new Tee(out, outBytes), true, StandardCharsets.UTF_8);
        PrintStream teeErr = new PrintStream(new Tee(err, errBytes), true, StandardCharsets.UTF_8);
        System.setOut(teeOut);
        System.setErr(teeErr);
        T value;
        try {
            value = body.call();
        } finally {
            teeOut.flush();
            teeErr.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new Captured<>(value, lines(outBytes), lines(errBytes));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Writes to the original stream and to the buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            if (ECHO) {
                try {
                    original.write(b);
                } catch (java.io.IOException ignored) {
                    // the original console stream failing must not fail the program under test
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            if (ECHO) {
                try {
                    original.write(b, off, len);
                } catch (java.io.IOException ignored) {
                    // as above
                }
            }
        }

        @Override
        public void flush() {
            try {
                original.flush();
            } catch (java.io.IOException ignored) {
                // as above
            }
        }
    }
}
