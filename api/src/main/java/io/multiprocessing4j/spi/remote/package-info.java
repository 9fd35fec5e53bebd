/** Exceptions from another process, in a form that always travels; shared by the generic pool and manager. */
package io.multiprocessing4j.spi.remote;
