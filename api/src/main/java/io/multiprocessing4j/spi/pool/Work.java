package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.SerializableBiFunction;
import io.multiprocessing4j.SerializableCallable;
import io.multiprocessing4j.SerializableFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** What one task message asks a worker to do; every kind answers with a list of results. */
sealed interface Work extends Serializable {
    /**
     * Runs the work in the worker.
     *
     * @return the results, one per item (one for a single call)
     * @throws Exception whatever the user's code threw
     */
    List<Object> run() throws Exception;

    /** @return a short description for error messages */
    String describe();

    /** A single call: {@code apply}, {@code submit}. */
    record Call(Callable<?> task) implements Work {
        @Override
        public List<Object> run() throws Exception {
            List<Object> out = new ArrayList<>(1);
            out.add(task.call());
            return out;
        }

        @Override
        public String describe() {
            return task.getClass().getName();
        }
    }

    /** {@code fn(arg)}: {@code apply(fn, arg)}. */
    record Apply1(SerializableFunction<Object, Object> fn, Object arg) implements Work {
        @Override
        public List<Object> run() throws Exception {
            List<Object> out = new ArrayList<>(1);
            out.add(fn.apply(arg));
            return out;
        }

        @Override
        public String describe() {
            return fn.getClass().getName();
        }
    }

    /** {@code fn(a, b)}: {@code apply(fn, a, b)}. */
    record Apply2(SerializableBiFunction<Object, Object, Object> fn, Object a, Object b) implements Work {
        @Override
        public List<Object> run() throws Exception {
            List<Object> out = new ArrayList<>(1);
            out.add(fn.apply(a, b));
            return out;
        }

        @Override
        public String describe() {
            return fn.getClass().getName();
        }
    }

    /** A {@link Runnable} given to {@code execute} or {@code submit}. */
    record Run(Runnable task) implements Work {
        @Override
        public List<Object> run() {
            task.run();
            List<Object> out = new ArrayList<>(1);
            out.add(null);
            return out;
        }

        @Override
        public String describe() {
            return task.getClass().getName();
        }
    }

    /** A chunk of a map: {@code fn} applied to each item. */
    record MapChunk(SerializableFunction<Object, Object> fn, List<Object> items) implements Work {
        @Override
        public List<Object> run() throws Exception {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(fn.apply(item));
            }
            return out;
        }

        @Override
        public String describe() {
            return items.size() + " item(s) of " + fn.getClass().getName();
        }
    }

    /** A chunk of a starmap: {@code fn} applied to each pair, unpacked in the parent. */
    record StarChunk(SerializableBiFunction<Object, Object, Object> fn, List<Object> firsts, List<Object> seconds)
            implements Work {
        @Override
        public List<Object> run() throws Exception {
            List<Object> out = new ArrayList<>(firsts.size());
            for (int i = 0; i < firsts.size(); i++) {
                out.add(fn.apply(firsts.get(i), seconds.get(i)));
            }
            return out;
        }

        @Override
        public String describe() {
            return firsts.size() + " pair(s) of " + fn.getClass().getName();
        }
    }
}
