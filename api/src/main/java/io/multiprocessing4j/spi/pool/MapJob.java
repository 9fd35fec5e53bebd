package io.multiprocessing4j.spi.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code map}/{@code starmap}: completes with every result in order, or with the failure of the
 * lowest-numbered failed chunk once every chunk before it succeeded ("the first failure, in order").
 *
 * @param <R> the result type
 */
final class MapJob<R> extends Job {
    final PoolResult<List<R>> result;
    private final List<Object>[] chunks;
    private final Throwable[] failures;
    private int contiguousDone;

    @SuppressWarnings("unchecked")
    MapJob(PoolResult<List<R>> result, int chunkCount) {
        super(result.description());
        this.result = result;
        this.chunks = new List[chunkCount];
        this.failures = new Throwable[chunkCount];
    }

    // Synchronized: without callbacks, readers deliver chunks themselves, two at a time.
    @Override
    synchronized void chunkDone(int index, List<Object> values) {
        chunks[index] = values;
        advance();
    }

    @Override
    synchronized void chunkFailed(int index, Throwable error) {
        failures[index] = error;
        advance();
    }

    /** Completes an empty map (result thread). */
    synchronized void completeEmpty() {
        result.succeed(Collections.emptyList());
    }

    @SuppressWarnings("unchecked")
    private void advance() {
        while (contiguousDone < chunks.length) {
            if (failures[contiguousDone] != null) {
                result.fail(failures[contiguousDone]);
                return;
            }
            if (chunks[contiguousDone] == null) {
                return;
            }
            contiguousDone++;
        }
        List<R> all = new ArrayList<>();
        for (List<Object> c : chunks) {
            for (Object o : c) {
                all.add((R) o);
            }
        }
        result.succeed(Collections.unmodifiableList(all));
    }

    @Override
    boolean finished() {
        return result.ready();
    }

    @Override
    boolean deliversAnywhere() {
        // Without a callback the job only gathers chunks (under its lock) and completes its
        // future: the reader that got a chunk may do that itself, sparing a hand-off to the
        // result thread per chunk (2,000 of them for a map of 2,000 items with chunk size 1).
        // A callback must run on the result thread, in order with the pool's other callbacks.
        return !result.hasCallbacks();
    }
}
