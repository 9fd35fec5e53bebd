/** Wires the generic pool and manager into {@link io.multiprocessing4j.spi.AbstractContext} through {@link java.util.ServiceLoader}. */
package io.multiprocessing4j.spi.generic;
