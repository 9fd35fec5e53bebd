package io.multiprocessing4j.tck.manager;

/** The manager contract on the threads backend. */
class ThreadsManagerTest extends ManagerContract {
    @Override
    protected String backendName() {
        return "threads";
    }
}
