package io.multiprocessing4j.spi.generic;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.spi.GenericServices;
import io.multiprocessing4j.spi.manager.GenericManager;
import io.multiprocessing4j.spi.pool.GenericPool;

/** Registers {@link GenericPool} and {@link GenericManager} as the {@link GenericServices}. */
public final class DefaultGenericServices implements GenericServices {
    /** Made by {@link java.util.ServiceLoader}. */
    public DefaultGenericServices() {
    }

    @Override
    public ProcessPool pool(Context context, PoolOptions options) {
        return new GenericPool(context, options);
    }

    @Override
    public Manager manager(Context context) {
        return new GenericManager(context);
    }
}
