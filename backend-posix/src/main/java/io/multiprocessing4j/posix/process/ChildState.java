package io.multiprocessing4j.posix.process;

import io.multiprocessing4j.ContextOptions;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM needs to open a context like its parent's: the context key (so connections
 * between them authenticate) and the options its own children get.
 *
 * @param key the parent context's key
 * @param jvmOptions extra child JVM options
 * @param systemProperties child system properties
 * @param spareProcesses the spare-process setting
 * @param aotCache the AOT-cache setting
 */
public record ChildState(byte[] key, List<String> jvmOptions, Map<String, String> systemProperties,
        int spareProcesses, boolean aotCache) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param key the context key
     * @param options the context's options
     * @return the state
     */
    public static ChildState of(byte[] key, ContextOptions options) {
        return new ChildState(key.clone(), List.copyOf(options.jvmOptions()), Map.copyOf(options.systemProperties()),
                options.spareProcesses(), options.aotCache());
    }

    /** @return the options as a {@link ContextOptions} */
    public ContextOptions options() {
        return new ContextOptions(jvmOptions, systemProperties, spareProcesses, aotCache);
    }

    @Override
    public String toString() {
        return "ChildState[key hidden, " + jvmOptions + "]";
    }
}
