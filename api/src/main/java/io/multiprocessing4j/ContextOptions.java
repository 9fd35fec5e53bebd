package io.multiprocessing4j;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for opening a {@link Context}; every one has a sensible default, so most programs
 * never make one. Backends ignore what does not apply to them (the threads backend starts no JVM).
 *
 * @param jvmOptions extra options for child JVMs (for example {@code -Xmx256m})
 * @param systemProperties system properties to set in child JVMs
 * @param spareProcesses how many pre-started spare JVMs to keep ready (negative: the backend's
 *     default; 0: none)
 * @param aotCache whether child JVMs may use an ahead-of-time cache built for this class path
 */
public record ContextOptions(List<String> jvmOptions, Map<String, String> systemProperties, int spareProcesses,
        boolean aotCache) {
    /** The defaults: no extra options, the backend's spare processes, the AOT cache on. */
    public static final ContextOptions DEFAULTS = new ContextOptions(List.of(), Map.of(), -1, true);

    /**
     * Copies and validates.
     *
     * @throws NullPointerException if a list or map (or an element) is null
     */
    public ContextOptions {
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
        systemProperties = Map.copyOf(Objects.requireNonNull(systemProperties, "systemProperties"));
    }

    /**
     * @param options the extra child JVM options
     * @return a copy with them
     */
    public ContextOptions withJvmOptions(List<String> options) {
        return new ContextOptions(options, systemProperties, spareProcesses, aotCache);
    }

    /**
     * @param properties the system properties for child JVMs
     * @return a copy with them
     */
    public ContextOptions withSystemProperties(Map<String, String> properties) {
        return new ContextOptions(jvmOptions, properties, spareProcesses, aotCache);
    }

    /**
     * @param count how many spare JVMs to keep ready (0 turns them off)
     * @return a copy with it
     */
    public ContextOptions withSpareProcesses(int count) {
        return new ContextOptions(jvmOptions, systemProperties, count, aotCache);
    }

    /**
     * @param enabled whether child JVMs may use an AOT cache
     * @return a copy with it
     */
    public ContextOptions withAotCache(boolean enabled) {
        return new ContextOptions(jvmOptions, systemProperties, spareProcesses, enabled);
    }
}
