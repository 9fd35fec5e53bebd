package io.multiprocessing4j.posix.context;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.posix.process.ChildState;
import io.multiprocessing4j.spi.launch.ChildContextFactory;
import java.io.Serializable;

/** Opens, in a posix child JVM, a context sharing its parent's key (named in the launch request). */
public final class PosixChildContextFactory implements ChildContextFactory {
    /** Creates the factory (the child bootstrap does, by reflection). */
    public PosixChildContextFactory() {
    }

    @Override
    public Context openChild(Serializable state) {
        ChildState s = (ChildState) state;
        return new PosixContext(s.options().withSpareProcesses(0), s.key()); // spares only in a root context
    }

    /** Makes and calls once every native binding a posix child uses ({@link ChildWarmUp}). */
    @Override
    public void warmUp() {
        ChildWarmUp.run();
    }
}
