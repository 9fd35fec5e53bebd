package io.multiprocessing4j.tck;

/** Runs the whole conformance suite against the posix backend (skipped, with its reason, where unavailable). */
class PosixTckTest extends MultiprocessingTck {
    @Override
    protected String backendName() {
        return "posix";
    }
}
