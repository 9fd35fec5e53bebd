package io.multiprocessing4j.spi;

import io.multiprocessing4j.ChildProcess;

/**
 * Implemented by a backend's {@link io.multiprocessing4j.Context}: starts a {@link ChildProcess}.
 * {@link ChildProcess#start()} calls it after its own checks (not started twice, not from a
 * daemon), so a backend only starts and reports.
 */
public interface ProcessLauncher {
    /**
     * Starts the process: runs {@link ChildProcess#run()} (or a copy of the object, on process
     * backends) in a new process of this backend, under a {@link ProcessScope} that names it.
     *
     * @param process the process to start
     * @return the parent's handle on the running process
     * @throws io.multiprocessing4j.SerializationException if the process cannot be serialized
     * @throws IllegalStateException if the context is closed
     */
    ProcessRuntime launch(ChildProcess process);
}
