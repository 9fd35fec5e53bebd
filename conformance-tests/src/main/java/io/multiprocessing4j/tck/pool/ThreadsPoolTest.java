package io.multiprocessing4j.tck.pool;

/** The pool contract on the threads backend. */
class ThreadsPoolTest extends PoolContract {
    @Override
    protected String backendName() {
        return "threads";
    }
}
