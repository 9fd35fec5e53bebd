package io.multiprocessing4j.forkjvm;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM needs to open a context equivalent to its parent's: the key, the socket and
 * shared-memory directories, the owner's pid and context id (file names), and the options its own
 * children get.
 */
record ChildState(byte[] key, String socketDir, String shmDir, long ownerPid, String contextId,
        List<String> jvmOptions, Map<String, String> systemProperties, boolean aotCache) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    ChildState {
        jvmOptions = List.copyOf(jvmOptions);
        systemProperties = Map.copyOf(systemProperties);
    }

    @Override
    public String toString() {
        return "ChildState[" + contextId + "]";
    }
}
