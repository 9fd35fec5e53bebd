package io.multiprocessing4j.tck;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.examples.ExampleMain;
import io.multiprocessing4j.examples.ExampleResult;
import io.multiprocessing4j.examples.TimeScale;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a check runs against: the backend's shared context, the time scale, and fresh contexts for
 * checks that must close one. Fresh contexts are closed when the check ends.
 */
public final class TckEnv implements AutoCloseable {
    private final Context mp;
    private final TimeScale scale;
    private final Supplier<Context> opener;
    private final List<Context> fresh = new ArrayList<>();

    /**
     * @param mp the shared context of the backend under test
     * @param scale the time scale of the examples
     * @param opener opens another context of the same backend
     */
    public TckEnv(Context mp, TimeScale scale, Supplier<Context> opener) {
        this.mp = mp;
        this.scale = scale;
        this.opener = opener;
    }

    /** @return the backend's shared context */
    public Context mp() {
        return mp;
    }

    /** @return the time scale */
    public TimeScale scale() {
        return scale;
    }

    /** @return the backend's name */
    public String backend() {
        return mp.backendName();
    }

    /**
     * @param capability a capability
     * @return whether the backend has it
     */
    public boolean has(Capability capability) {
        return mp.has(capability);
    }

    /** @return a new context of the same backend, closed when the check ends */
    public Context fresh() {
        Context c = opener.get();
        fresh.add(c);
        return c;
    }

    /**
     * Runs an example on the shared context with its output captured.
     *
     * @param example the example's {@code run} method
     * @return its result and output
     * @throws Exception whatever the example throws
     */
    public Captured<ExampleResult> example(ExampleMain.Body example) throws Exception {
        return OutputCapture.capture(() -> example.run(mp, scale));
    }

    @Override
    public void close() {
        for (Context c : fresh) {
            c.close();
        }
        fresh.clear();
    }
}
