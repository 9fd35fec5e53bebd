package io.multiprocessing4j.posix.process;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Child JVMs spawned ahead, each waiting on its control socket for a launch request, so that
 * {@code start()} costs one write instead of a JVM start. A spare is spawned before the process it
 * will run exists, so it carries no pipe ends: {@link PosixLauncher} starts a process whose
 * arguments hold pipe ends cold instead. Refilled in the background, one JVM at a time; a spare
 * whose parent dies sees end of file on its control socket and exits.
 */
final class PosixSpares implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PosixSpares.class.getName());
    private static final long STOP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Supplier<PosixProcessRuntime> spawner;
    private final int target;
    private final ConcurrentLinkedDeque<PosixProcessRuntime> ready = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService filler;
    private volatile boolean closed;

    /**
     * @param spawner spawns one idle child JVM
     * @param target how many to keep ready (at least 1)
     */
    PosixSpares(Supplier<PosixProcessRuntime> spawner, int target) {
        if (target < 1) {
            throw new IllegalArgumentException("spare count must be at least 1: " + target);
        }
        this.spawner = spawner;
        this.target = target;
        this.filler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mp4j-posix-spares");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a live spare, or null if none is ready (the caller spawns cold) */
    PosixProcessRuntime take() {
        PosixProcessRuntime c;
        while ((c = ready.poll()) != null) {
            if (c.isAlive()) {
                return c;
            }
        }
        return null;
    }

    /** Spawns spares in the background until {@code target} are ready or coming. */
    void refill() {
        while (!closed && ready.size() + pending.get() < target) {
            pending.incrementAndGet();
            try {
                filler.execute(this::spawnOne);
            } catch (RejectedExecutionException e) {
                pending.decrementAndGet();
                return;
            }
        }
    }

    private void spawnOne() {
        try {
            if (closed) {
                return;
            }
            PosixProcessRuntime c = spawner.get();
            ready.add(c);
            synchronized (ready) {
                ready.notifyAll();
            }
            if (closed && ready.remove(c)) {
                stop(List.of(c));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "could not spawn a spare JVM", e);
        } finally {
            pending.decrementAndGet();
        }
    }

    /**
     * Waits until {@code target} spares are spawned.
     *
     * @param nanos the longest wait
     * @return whether they are
     * @throws InterruptedException if interrupted
     */
    boolean awaitReady(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (ready) {
            while (ready.size() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                ready.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    /** @return the pids of the spares ready now */
    List<Long> pids() {
        return ready.stream().map(PosixProcessRuntime::pid).toList();
    }

    /** Stops refilling, then kills and reaps every spare. */
    @Override
    public void close() {
        closed = true;
        filler.shutdownNow();
        try {
            filler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PosixProcessRuntime> all = new ArrayList<>();
        for (PosixProcessRuntime c; (c = ready.poll()) != null; ) {
            all.add(c);
        }
        stop(all);
    }

    private static void stop(List<PosixProcessRuntime> spares) {
        for (PosixProcessRuntime c : spares) {
            c.kill();
        }
        for (PosixProcessRuntime c : spares) {
            if (!c.join(STOP_NANOS)) {
                LOG.log(Level.WARNING, "spare JVM " + c.pid() + " was not reaped after SIGKILL");
            }
        }
    }
}
