package io.multiprocessing4j.spi;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessPool;

/**
 * The generic pool and manager that {@link AbstractContext} gives every backend, built only on
 * the SPI primitives (processes, pipes, {@link ConnectionProvider}). The api module registers
 * the one implementation in {@code META-INF/services}; {@link AbstractContext} finds it with
 * {@link java.util.ServiceLoader}, so that this package does not depend on the packages that
 * build on it.
 */
public interface GenericServices {
    /**
     * Starts a generic pool.
     *
     * @param context the context whose processes and pipes it uses
     * @param options the options, {@code processes} at least 1
     * @return the pool, its workers started
     */
    ProcessPool pool(Context context, PoolOptions options);

    /**
     * Starts a generic manager.
     *
     * @param context the context; it must implement {@link ConnectionProvider}
     * @return the manager, its server started
     * @throws IllegalArgumentException if {@code context} is not a {@link ConnectionProvider}
     */
    Manager manager(Context context);
}
