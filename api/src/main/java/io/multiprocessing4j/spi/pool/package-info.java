/**
 * The generic {@link io.multiprocessing4j.ProcessPool} every backend gets, built only on the SPI
 * primitives: worker processes ({@link io.multiprocessing4j.ChildProcess}, daemons named
 * {@code SpawnPoolWorker-N}) and one duplex pipe per worker.
 *
 * <p>How it works: a scheduler thread owns the queue of task messages ("chunks") and gives one at
 * a time to an idle worker over that worker's own pipe, so it always knows which task a worker
 * holds. A reader thread per worker forwards its answers and notices its death (EOF on the pipe, or
 * an exit code). A result thread decodes results, completes {@link io.multiprocessing4j.AsyncResult}s
 * and runs callbacks in the pool's process. Tasks and results travel serialized on backends with
 * {@link io.multiprocessing4j.Capability#SERIALIZED_ARGUMENTS}, so a value that cannot be
 * serialized fails in the caller (or fails only its own task, for a result).
 *
 * <p>Where CPython's {@code Pool} hangs forever, this one does not: a worker that dies fails its task
 * with {@link io.multiprocessing4j.WorkerLostException} and is replaced; an initializer that throws
 * or ends its worker fails the queued work and makes the pool refuse new work; a callback that
 * throws is logged and makes only its own result throw {@link io.multiprocessing4j.CallbackException};
 * an exception that cannot be serialized arrives as its class name, message and stack trace.
 */
package io.multiprocessing4j.spi.pool;
