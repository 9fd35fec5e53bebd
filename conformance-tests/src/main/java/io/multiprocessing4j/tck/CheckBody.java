package io.multiprocessing4j.tck;

/** The body of a {@link Check}. */
@FunctionalInterface
public interface CheckBody {
    /**
     * Runs the check; an {@link AssertionError} (or any exception) fails it, an
     * {@link org.opentest4j.TestAbortedException} skips it.
     *
     * @param env the backend's context, time scale and helpers
     * @return what it observed (shown by the comparison report), or null
     * @throws Exception anything: it fails the check
     */
    Object run(TckEnv env) throws Exception;
}
