package io.multiprocessing4j;

import java.util.Objects;

/**
 * How to build a {@link ProcessPool}: Python's {@code Pool(processes, initializer, initargs,
 * maxtasksperchild)}. Make one with {@link #builder()}.
 *
 * @param processes the number of workers ({@link Multiprocessing#cpuCount()} when 0)
 * @param initializer run once in each worker before its first task, or null
 * @param maxTasksPerChild tasks a worker runs before it is replaced (0: no limit)
 * @param context the context whose backend runs the workers, or null for the pool's own
 */
public record PoolOptions(int processes, SerializableRunnable initializer, int maxTasksPerChild, Context context) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code processes} or {@code maxTasksPerChild} is negative
     */
    public PoolOptions {
        if (processes < 0) {
            throw new IllegalArgumentException("processes must be at least 1: " + processes);
        }
        if (maxTasksPerChild < 0) {
            throw new IllegalArgumentException("maxTasksPerChild must be positive (or 0 for no limit): "
                    + maxTasksPerChild);
        }
    }

    /** @return a builder with Python's defaults (cpu-count workers, no initializer, no task limit) */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PoolOptions}. */
    public static final class Builder {
        private int processes;
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private Context context;

        private Builder() {
        }

        /**
         * @param processes the number of workers
         * @return this builder
         * @throws IllegalArgumentException if {@code processes} is zero or negative (Python's
         *     {@code ValueError: Number of processes must be at least 1})
         */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("processes must be at least 1: " + processes);
            }
            this.processes = processes;
            return this;
        }

        /**
         * @param initializer run once in each worker before its first task
         * @return this builder
         * @throws NullPointerException if {@code initializer} is null
         */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * An initializer with an argument, as Python's {@code initializer=f, initargs=(x,)}.
         *
         * @param <A> the argument's type
         * @param initializer run once in each worker before its first task
         * @param arg its argument (serialized with it)
         * @return this builder
         * @throws NullPointerException if {@code initializer} is null
         */
        public <A> Builder initializer(SerializableConsumer<A> initializer, A arg) {
            Objects.requireNonNull(initializer, "initializer");
            this.initializer = () -> initializer.accept(arg);
            return this;
        }

        /**
         * @param maxTasksPerChild tasks a worker runs before it is replaced
         * @return this builder
         * @throws IllegalArgumentException if it is zero or negative (Python's {@code ValueError})
         */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be a positive int: " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * @param context the context whose backend runs the workers
         * @return this builder
         * @throws NullPointerException if {@code context} is null
         */
        public Builder context(Context context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /** @return the options */
        public PoolOptions build() {
            return new PoolOptions(processes, initializer, maxTasksPerChild, context);
        }
    }
}
