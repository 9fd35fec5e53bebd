/**
 * The {@code threads} backend: each "process" is a platform thread of this JVM, and queues, pipes,
 * locks and shared memory are plain {@code java.util.concurrent} objects and memory segments shared
 * by reference. Only {@link io.multiprocessing4j.threads.ThreadsBackend} is public; everything
 * else is reached through the API and the SPI.
 *
 * <p>Where it differs from the process backends, by nature: one heap and one pid for every
 * process; {@code terminate()} interrupts (a thread that ends after it reports {@code -15}) and
 * {@code kill()} is refused; {@code System.exit(n)} in a child ends the whole JVM (use
 * {@code Multiprocessing.exit(n)}). Connection ends imitate descriptors: each process holds the
 * ends it made, was started with or used, and the other end sees EOF when no process holds one;
 * to find the ends a child is started with, {@code start()} walks its target and arguments as
 * serialization would (so their {@code writeReplace}/{@code writeObject} methods run, and their
 * output is discarded).
 */
package io.multiprocessing4j.threads;
