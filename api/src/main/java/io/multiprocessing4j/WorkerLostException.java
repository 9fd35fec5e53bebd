package io.multiprocessing4j;

import java.io.Serial;

/**
 * A pool worker died (killed, {@code exit}, out of memory) while it ran a task. The task fails with
 * this exception, the worker is replaced and the pool goes on, where CPython's {@code Pool} would
 * wait forever (bpo-22393).
 */
public class WorkerLostException extends MultiprocessingException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ProcessInfo worker;
    private final Integer exitCode;

    /**
     * Creates the exception.
     *
     * @param message names the worker and the task
     * @param worker the worker that died
     * @param exitCode its exit code ({@code -N} for signal N), or {@code null} if unknown
     */
    public WorkerLostException(String message, ProcessInfo worker, Integer exitCode) {
        super(message);
        this.worker = worker;
        this.exitCode = exitCode;
    }

    /** @return the worker that died */
    public ProcessInfo worker() {
        return worker;
    }

    /** @return its exit code ({@code -N} for signal N), or {@code null} if unknown */
    public Integer exitCode() {
        return exitCode;
    }
}
