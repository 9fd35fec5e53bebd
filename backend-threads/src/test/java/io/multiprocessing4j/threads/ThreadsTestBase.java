package io.multiprocessing4j.threads;

import io.multiprocessing4j.ContextOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Opens a fresh threads context per test and closes it after. */
abstract class ThreadsTestBase {
    static final Duration LONG = Duration.ofSeconds(10);
    static final Duration SHORT = Duration.ofMillis(50);

    ThreadsContext mp;

    @BeforeEach
    void open() {
        mp = (ThreadsContext) new ThreadsBackend().open(ContextOptions.DEFAULTS);
    }

    @AfterEach
    void closeContext() {
        mp.close();
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** Spins until {@code condition} holds, failing after {@link #LONG}: a bounded wait for a state. */
    static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + LONG);
            }
            Thread.onSpinWait();
        }
    }

    /** Waits until {@code t} blocks (or ends). */
    static void waitUntilBlocked(Thread t) {
        eventually(() -> !t.isAlive() || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    }

    /** Starts a plain thread (not a process) and returns it. */
    static Thread thread(Runnable r) {
        Thread t = new Thread(r, "test-helper");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
