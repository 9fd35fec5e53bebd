package io.multiprocessing4j.tck;

/** Runs the whole conformance suite against the forkjvm backend (skipped, with its reason, where unavailable). */
class ForkJvmTckTest extends MultiprocessingTck {
    @Override
    protected String backendName() {
        return "forkjvm";
    }
}
