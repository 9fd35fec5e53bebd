package io.multiprocessing4j;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a process is known by: its name, its pid and whether it is a daemon. Returned by
 * {@link Multiprocessing#currentProcess()}, {@link ProcessPool#workers()} and
 * {@link Manager#process()}, so that users and tests can see and signal them.
 *
 * @param name the process's name ({@code "MainProcess"} at the root, as in Python)
 * @param pid the OS pid (on the threads backend, the JVM's pid for every "process")
 * @param daemon whether the process is a daemon
 */
public record ProcessInfo(String name, long pid, boolean daemon) implements Serializable {
    /**
     * Validates the fields.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code pid} is negative
     */
    public ProcessInfo {
        Objects.requireNonNull(name, "name");
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative: " + pid);
        }
    }
}
