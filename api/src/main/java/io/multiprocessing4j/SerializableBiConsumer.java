package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A process target taking two arguments, as Python's {@code Process(target=f, args=(x, y))}.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 */
@FunctionalInterface
public interface SerializableBiConsumer<A, B> extends Serializable {
    /**
     * Runs the target.
     *
     * @param a the first argument
     * @param b the second argument
     * @throws Exception anything; it ends the process with exit code 1
     */
    void accept(A a, B b) throws Exception;
}
