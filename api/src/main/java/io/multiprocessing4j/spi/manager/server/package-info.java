/**
 * The objects a generic manager keeps in its server process: locks, semaphores, events,
 * conditions, barriers, queues, values, arrays and namespaces implementing the {@code Shared*}
 * interfaces on Java monitors, with the caller's identity from {@link
 * io.multiprocessing4j.spi.manager.server.Caller}.
 */
package io.multiprocessing4j.spi.manager.server;
