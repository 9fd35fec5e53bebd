package io.multiprocessing4j.forkjvm;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pre-started child JVMs, connected and waiting for work: Python's forkserver idea for a JVM.
 * {@code start()} hands its process to a spare (one message) instead of paying for a JVM start;
 * the pool refills in the background, one JVM at a time (so it never competes with itself for
 * the CPU). A spare that loses its parent exits by itself.
 */
final class SparePool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SparePool.class.getName());

    private final JvmLauncher launcher;
    private final int target;
    private final ConcurrentLinkedDeque<ChildJvm> ready = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService filler;
    private volatile boolean closed;

    SparePool(JvmLauncher launcher, int target) {
        this.launcher = launcher;
        this.target = target;
        this.filler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mp4j-forkjvm-spares");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a connected spare, or null if none is ready (the caller starts one cold) */
    ChildJvm take() {
        ChildJvm c;
        while ((c = ready.poll()) != null) {
            if (c.isAlive()) {
                return c;
            }
        }
        return null;
    }

    /** Starts spares in the background until {@code target} are ready or coming. */
    void refill() {
        while (!closed && ready.size() + pending.get() < target) {
            pending.incrementAndGet();
            try {
                filler.execute(this::startOne);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.decrementAndGet();
                return;
            }
        }
    }

    private void startOne() {
        try {
            if (closed) {
                return;
            }
            ChildJvm c = launcher.spawn();
            launcher.awaitConnected(c);
            ready.add(c);
            synchronized (ready) {
                ready.notifyAll();
            }
            if (closed) {
                stop(List.of(c));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "could not start a spare JVM", e);
        } finally {
            pending.decrementAndGet();
        }
    }

    /**
     * Waits until {@code target} spares are ready.
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
                ready.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** @return how many spares are ready now */
    int ready() {
        return ready.size();
    }

    @Override
    public void close() {
        closed = true;
        filler.shutdownNow();
        try {
            filler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ChildJvm> all = new ArrayList<>();
        for (ChildJvm c; (c = ready.poll()) != null; ) {
            all.add(c);
        }
        stop(all);
    }

    /** Closes the spares' control channels (they exit on end of stream), then kills the slow ones. */
    private static void stop(List<ChildJvm> spares) {
        for (ChildJvm c : spares) {
            c.closeControl();
        }
        for (ChildJvm c : spares) {
            try {
                if (!c.join(TimeUnit.SECONDS.toNanos(2))) {
                    c.kill();
                    c.join(TimeUnit.SECONDS.toNanos(2));
                }
            } catch (InterruptedException e) {
                c.kill();
                Thread.currentThread().interrupt();
            }
        }
    }
}
