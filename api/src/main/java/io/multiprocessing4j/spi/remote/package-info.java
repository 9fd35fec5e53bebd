/** Serialization to bytes and remote exceptions, shared by the generic pool and manager. */
package io.multiprocessing4j.spi.remote;
