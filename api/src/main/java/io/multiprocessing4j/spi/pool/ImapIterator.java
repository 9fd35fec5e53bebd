package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.ProcessInterruptedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * The lazy iterator of {@code imap} and {@code imapUnordered}. The consumer's own calls pull the
 * input: at most {@code maxInFlight} chunks are submitted and not yet consumed, so an endless
 * input never fills memory (CPython's {@code imap} reads its whole input eagerly). A failed chunk
 * makes one {@code next()} throw its error; iteration then goes on with the next chunk. Once the
 * pool is shut down no more input is read: the results in flight are still delivered, then
 * {@code hasNext()} throws the {@link RejectedExecutionException}.
 *
 * @param <R> the result type
 */
final class ImapIterator<R> extends Job implements Iterator<R> {
    private final Iterator<?> source;
    private final int chunksize;
    private final boolean ordered;
    private final int maxInFlight;
    private final BiConsumer<Integer, List<Object>> submitter;

    private final Object lock = new Object();
    private final Map<Integer, Object> arrived = new HashMap<>();
    private final ArrayDeque<Object> arrivedInOrderOfCompletion = new ArrayDeque<>();
    private int submitted;
    private int consumed;

    // Consumer-side state.
    private List<Object> buffer = List.of();
    private int bufferPos;
    private RuntimeException feedStopped;

    ImapIterator(String description, Iterator<?> source, int chunksize, boolean ordered, int maxInFlight,
            BiConsumer<Integer, List<Object>> submitter) {
        super(description);
        this.source = source;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.maxInFlight = maxInFlight;
        this.submitter = submitter;
    }

    @Override
    public boolean hasNext() {
        if (bufferPos < buffer.size()) {
            return true;
        }
        topUp();
        synchronized (lock) {
            if (consumed < submitted) {
                return true;
            }
        }
        if (feedStopped != null) {
            throw feedStopped;
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("imap has no more results");
        }
        if (bufferPos < buffer.size()) {
            return (R) buffer.get(bufferPos++);
        }
        Object chunk = awaitChunk();
        topUp();
        if (chunk instanceof RuntimeException e) {
            throw e;
        }
        if (chunk instanceof Error e) {
            throw e;
        }
        buffer = (List<Object>) chunk;
        bufferPos = 0;
        return (R) buffer.get(bufferPos++);
    }

    private void topUp() {
        if (feedStopped != null) {
            return;
        }
        while (true) {
            synchronized (lock) {
                if (submitted - consumed >= maxInFlight) {
                    return;
                }
            }
            List<Object> items = new ArrayList<>(chunksize);
            while (items.size() < chunksize && source.hasNext()) {
                items.add(source.next());
            }
            if (items.isEmpty()) {
                return;
            }
            int index;
            synchronized (lock) {
                index = submitted;
            }
            try {
                submitter.accept(index, items);
            } catch (RejectedExecutionException e) {
                feedStopped = new RejectedExecutionException(description()
                        + ": the pool stopped accepting work before the input was consumed", e);
                return;
            }
            synchronized (lock) {
                submitted++;
            }
        }
    }

    private Object awaitChunk() {
        synchronized (lock) {
            while (true) {
                Object got = ordered ? arrived.remove(consumed) : arrivedInOrderOfCompletion.poll();
                if (got != null) {
                    consumed++;
                    return got;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcessInterruptedException("interrupted while waiting for " + description());
                }
            }
        }
    }

    @Override
    void chunkDone(int index, List<Object> values) {
        arrive(index, values);
    }

    @Override
    void chunkFailed(int index, Throwable error) {
        arrive(index, error);
    }

    private void arrive(int index, Object outcome) {
        synchronized (lock) {
            if (ordered) {
                arrived.put(index, outcome);
            } else {
                arrivedInOrderOfCompletion.add(outcome);
            }
            lock.notifyAll();
        }
    }

    @Override
    boolean finished() {
        return false;
    }

    @Override
    boolean deliversAnywhere() {
        return true; // no callbacks; arrivals are guarded by its lock
    }
}
