package io.multiprocessing4j.tck;

/** Runs the whole conformance suite against the threads backend. */
class ThreadsTckTest extends MultiprocessingTck {
    @Override
    protected String backendName() {
        return "threads";
    }
}
