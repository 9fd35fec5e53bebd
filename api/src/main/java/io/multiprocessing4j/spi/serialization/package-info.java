/**
 * Serialization shared by the process backends: {@link io.multiprocessing4j.spi.serialization.Codec}
 * serializes in the caller (failing there, naming the class) and deserializes through an
 * {@link java.io.ObjectInputFilter} with documented limits.
 */
package io.multiprocessing4j.spi.serialization;
