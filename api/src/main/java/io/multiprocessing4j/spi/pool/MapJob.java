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

    @Override
    void chunkDone(int index, List<Object> values) {
        chunks[index] = values;
        advance();
    }

    @Override
    void chunkFailed(int index, Throwable error) {
        failures[index] = error;
        advance();
    }

    /** Completes an empty map (result thread). */
    void completeEmpty() {
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
        return false; // its chunk arrays are confined to the result thread
    }
}
