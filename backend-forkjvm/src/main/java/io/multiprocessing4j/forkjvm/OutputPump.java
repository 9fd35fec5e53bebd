package io.multiprocessing4j.forkjvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Copies a child's standard output or error into this JVM's current {@code System.out} or
 * {@code System.err} (looked up on every write, so a caller that replaced them, as tests do,
 * sees the child's output). Not {@code inheritIO}: that would bypass the replaced streams.
 */
final class OutputPump implements Runnable {
    private final InputStream in;
    private final Supplier<PrintStream> out;

    private OutputPump(InputStream in, Supplier<PrintStream> out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Starts a pump thread.
     *
     * @param in the child's stream
     * @param out where to copy it
     * @param name the thread's name
     * @return the thread, which ends at the stream's end
     */
    static Thread start(InputStream in, Supplier<PrintStream> out, String name) {
        Thread t = new Thread(new OutputPump(in, out), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Copies whole lines: a chunk is passed on up to its last newline, and the rest waits for the
     * next chunk unless nothing more is readable now (a prompt without a newline is not held back).
     */
    @Override
    public void run() {
        byte[] buf = new byte[8192];
        byte[] pending = new byte[0];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                byte[] data = concat(pending, buf, n);
                int end = lastNewline(data) + 1;
                if (end < data.length && in.available() == 0) {
                    end = data.length;
                }
                emit(data, end);
                pending = java.util.Arrays.copyOfRange(data, end, data.length);
            }
            emit(pending, pending.length);
        } catch (IOException e) {
            // the child is gone and its pipe with it
        }
    }

    private void emit(byte[] data, int length) {
        if (length == 0) {
            return;
        }
        PrintStream target = out.get();
        synchronized (target) {
            target.write(data, 0, length);
            target.flush();
        }
    }

    private static byte[] concat(byte[] a, byte[] b, int n) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + n);
        System.arraycopy(b, 0, r, a.length, n);
        return r;
    }

    private static int lastNewline(byte[] data) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
