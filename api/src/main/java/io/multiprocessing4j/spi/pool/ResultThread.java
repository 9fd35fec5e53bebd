package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The pool's result thread, Python's result handler: completes jobs and runs callbacks, one at a
 * time, in this process (results nobody's callback waits for are completed by the reader that
 * read them, see {@link #done}). A callback that throws is caught by
 * {@link PoolResult} and never stops delivery. When stopped, it finishes what is queued and
 * then marks the pool terminated.
 */
final class ResultThread {
    private static final System.Logger LOG = System.getLogger(ResultThread.class.getName());
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final CountDownLatch terminated;

    ResultThread(String name, CountDownLatch terminated) {
        this.terminated = terminated;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Finishes what is queued, then marks the pool terminated. */
    void stop() {
        if (thread.getState() == Thread.State.NEW) {
            terminated.countDown();
        } else {
            queue.add(STOP);
        }
    }

    /** Runs {@code action} on the result thread. */
    void post(Runnable action) {
        queue.add(action);
    }

    /**
     * A chunk's results arrived: decodes them here, on the calling reader thread (readers decode
     * in parallel), then hands them to the job: here too when the job needs no ordering with
     * callbacks ({@link Job#deliversAnywhere()}), which spares the caller one thread hand-off;
     * else on the result thread. Never throws.
     */
    @SuppressWarnings("unchecked")
    void done(Chunk chunk, Object results, boolean encoded) {
        Runnable delivery;
        try {
            List<Object> values = (List<Object>) (encoded ? Codec.deserialize((byte[]) results) : results);
            delivery = () -> chunk.job().chunkDone(chunk.index(), values);
        } catch (RuntimeException | LinkageError e) {
            RemoteException error = new RemoteException("the result of " + chunk.description()
                    + " could not be read back: " + e.getMessage(), e);
            delivery = () -> chunk.job().chunkFailed(chunk.index(), error);
        }
        if (chunk.job().deliversAnywhere()) {
            try {
                delivery.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, thread.getName() + ": delivering a result failed", e);
            }
        } else {
            queue.add(delivery);
        }
    }

    void failed(Chunk chunk, Throwable error) {
        queue.add(() -> chunk.job().chunkFailed(chunk.index(), error));
    }

    void cancel(Chunk chunk, String why) {
        queue.add(() -> chunk.job().chunkFailed(chunk.index(), new CancellationException(why)));
    }

    private void loop() {
        try {
            while (true) {
                Runnable r = queue.take();
                if (r == STOP) {
                    return;
                }
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, thread.getName() + ": delivering a result failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminated.countDown();
        }
    }
}
