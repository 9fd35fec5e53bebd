/**
 * What queue implementations share: {@link io.multiprocessing4j.spi.queue.AbstractSharedQueue}
 * derives a {@link io.multiprocessing4j.SharedQueue}'s many put and get forms from a few primitives.
 */
package io.multiprocessing4j.spi.queue;
