package io.multiprocessing4j.posix.ffi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the tests: bounded reads, so that no test can hang on a silent child. */
final class NativeTestSupport {
    static final long BOUND_MILLIS = TimeUnit.SECONDS.toMillis(20);

    private NativeTestSupport() {}

    /** Reads until EOF, failing if no EOF arrives within {@link #BOUND_MILLIS}. */
    static String readToEof(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || Descriptors.poll(fd, Descriptors.POLLIN, (int) left) == 0) {
                throw new AssertionError("no EOF on fd " + fd + " within " + BOUND_MILLIS + " ms; read so far: "
                        + out.toString(StandardCharsets.UTF_8));
            }
            int n = Descriptors.read(fd, buffer, 0, buffer.length);
            if (n == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(buffer, 0, n);
        }
    }

    /** Reads one line (without its newline) a byte at a time, failing after {@link #BOUND_MILLIS}. */
    static String readLine(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || Descriptors.poll(fd, Descriptors.POLLIN, (int) left) == 0) {
                throw new AssertionError("no line on fd " + fd + " within " + BOUND_MILLIS + " ms");
            }
            if (Descriptors.read(fd, one, 0, 1) <= 0 || one[0] == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(one[0]);
        }
    }

    /** Kills and reaps a child if a test left it running; safe to call for a reaped pid. */
    static void killAndReap(int pid) {
        try {
            if (Processes.tryWait(pid).isEmpty()) {
                Processes.kill(pid, Processes.SIGKILL);
                Processes.waitFor(pid);
            }
        } catch (PosixException alreadyReaped) {
            // ECHILD: the test reaped it
        }
    }
}
