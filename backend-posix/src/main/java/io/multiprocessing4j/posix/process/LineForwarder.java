package io.multiprocessing4j.posix.process;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * Passes a child's output on to this JVM's current {@code System.out} or {@code System.err} in
 * whole lines. A JVM's {@code System.out} flushes every piece a {@code printf} formats as a separate
 * {@code write}, so forwarding raw chunks lets two children's half-lines interleave
 * ({@code "Task 3 runs Run task 2..."}); holding bytes back until a newline keeps each line whole,
 * as CPython's line-buffered {@code print} does. A partial line is passed on when its stream falls
 * silent for one monitor slice, at end of stream, or beyond {@value #MAX_PENDING} bytes, so a
 * prompt without a newline is not held back.
 */
final class LineForwarder {
    static final int MAX_PENDING = 64 * 1024;
    private final boolean stdout;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long lastAdd;

    LineForwarder(boolean stdout) {
        this.stdout = stdout;
    }

    /** Adds bytes read from the child; passes on every complete line. */
    void add(byte[] bytes, int length) {
        lastAdd = System.nanoTime();
        int lastNewline = -1;
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0) {
            pending.write(bytes, 0, length);
            if (pending.size() > MAX_PENDING) {
                flushAll();
            }
            return;
        }
        pending.write(bytes, 0, lastNewline + 1);
        flushAll();
        pending.write(bytes, lastNewline + 1, length - lastNewline - 1);
    }

    /**
     * Passes on a partial line that has waited at least {@code idleNanos} for its newline.
     *
     * @param idleNanos how long the stream must have been silent
     */
    void flushIfIdle(long idleNanos) {
        if (pending.size() > 0 && System.nanoTime() - lastAdd >= idleNanos) {
            flushAll();
        }
    }

    /** Passes on whatever is held. */
    void flushAll() {
        if (pending.size() == 0) {
            return;
        }
        PrintStream target = stdout ? System.out : System.err;
        synchronized (target) {
            target.write(pending.toByteArray(), 0, pending.size());
            target.flush();
        }
        pending.reset();
    }
}
