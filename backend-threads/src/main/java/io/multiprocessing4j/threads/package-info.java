/**
 * The {@code threads} backend: each "process" is a platform thread of this JVM, and queues, pipes,
 * locks and shared memory are plain {@code java.util.concurrent} objects and memory segments shared
 * by reference. Only {@link io.multiprocessing4j.threads.ThreadsBackend} is public; everything
 * else is reached through the API and the SPI.
 *
 * <p>Where it differs from the process backends, by nature: one heap and one pid for every
 * process; {@code terminate()} interrupts (a thread that ends after it reports {@code -15}) and
 * {@code kill()} is refused; {@code System.exit(n)} in a child ends the whole JVM (use
 * {@code Multiprocessing.exit(n)}); closing a shared connection end closes it for every thread
 * holding it, since there is one object, not one descriptor per process.
 */
package io.multiprocessing4j.threads;
