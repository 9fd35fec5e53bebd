package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A process target with no result. It is serialized to reach the child, and may throw any
 * exception (which ends that process with exit code 1). It deliberately does not extend
 * {@link Runnable}, whose {@code run} cannot throw checked exceptions.
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {
    /** Runs the target. @throws Exception anything; it ends the process with exit code 1 */
    void run() throws Exception;
}
