/**
 * The generic {@link io.multiprocessing4j.ProcessPool} every backend gets, built only on the SPI
 * primitives: worker processes ({@link io.multiprocessing4j.ChildProcess}, daemons named
 * {@code SpawnPoolWorker-N}) and one duplex pipe per worker.
 *
 * <p>How it works: the queue of task messages ("chunks") and the workers are a state machine
 * under one lock, driven by whichever thread has news (no scheduler thread): a submitting thread
 * sends its chunks straight to workers over their own pipes, and a worker's reader thread (a
 * platform thread, blocked in the kernel until the worker answers) reports the answer and sends
 * that worker its next chunk. A worker holds at most two chunks, the one it runs and a small next
 * one (none while a replacement starts), and runs them in order, so the pool always knows which
 * task a dead worker held; the chunk behind it goes back to the queue. A result thread completes
 * {@link io.multiprocessing4j.AsyncResult}s and runs callbacks in the pool's process; results
 * that no callback waits for are completed by the reader itself. Tasks and results travel
 * serialized on backends with {@link io.multiprocessing4j.Capability#SERIALIZED_ARGUMENTS}, so a
 * value that cannot be serialized fails in the caller (or fails only its own task, for a result).
 *
 * <p>Where CPython's {@code Pool} hangs forever, this one does not: a worker that dies fails its task
 * with {@link io.multiprocessing4j.WorkerLostException} and is replaced; an initializer that throws
 * or ends its worker fails the queued work and makes the pool refuse new work; a callback that
 * throws is logged and makes only its own result throw {@link io.multiprocessing4j.CallbackException};
 * an exception that cannot be serialized arrives as its class name, message and stack trace.
 */
package io.multiprocessing4j.spi.pool;
