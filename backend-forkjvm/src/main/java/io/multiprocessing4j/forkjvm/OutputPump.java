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

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                PrintStream target = out.get();
                synchronized (target) {
                    target.write(buf, 0, n);
                    target.flush();
                }
            }
        } catch (IOException e) {
            // the child is gone and its pipe with it
        }
    }
}
