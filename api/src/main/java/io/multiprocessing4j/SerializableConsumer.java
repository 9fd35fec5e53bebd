package io.multiprocessing4j;

import java.io.Serializable;

/**
 * A process target taking one argument, as Python's {@code Process(target=f, args=(x,))}.
 *
 * @param <T> the argument's type
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable {
    /** Runs the target. @param t the argument @throws Exception anything; it ends the process with exit code 1 */
    void accept(T t) throws Exception;
}
