package io.multiprocessing4j.spi.pool;

import java.util.List;

/**
 * One pool call, split into chunks (one message each). The result thread reports each chunk's
 * outcome here; a job completes its {@link PoolResult} (or feeds its iterator) from them.
 */
abstract class Job {
    private final String description;

    Job(String description) {
        this.description = description;
    }

    /** @return what the user called, for messages */
    final String description() {
        return description;
    }

    /** A chunk's results arrived (result thread). */
    abstract void chunkDone(int index, List<Object> values);

    /** A chunk failed: the task threw, its worker died, or the pool was terminated (result thread). */
    abstract void chunkFailed(int index, Throwable error);

    /** @return whether further chunks are pointless (the job completed or was cancelled) */
    abstract boolean finished();

    /**
     * @return whether {@link #chunkDone} may run on any thread, concurrently with the job's other
     *     deliveries, rather than in order on the result thread: true when no callback is involved
     *     and the job is thread-safe
     */
    abstract boolean deliversAnywhere();

    /** A job with one chunk and one result: {@code apply}, {@code applyAsync}, {@code submit}. */
    static final class Single<R> extends Job {
        final PoolResult<R> result;

        Single(PoolResult<R> result) {
            super(result.description());
            this.result = result;
        }

        @Override
        @SuppressWarnings("unchecked")
        void chunkDone(int index, List<Object> values) {
            result.succeed((R) values.get(0));
        }

        @Override
        void chunkFailed(int index, Throwable error) {
            result.fail(error);
        }

        @Override
        boolean finished() {
            return result.ready();
        }

        @Override
        boolean deliversAnywhere() {
            // One outcome, completed atomically by the future; callbacks must run on the result thread.
            return !result.hasCallbacks();
        }
    }
}
