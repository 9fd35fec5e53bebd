package io.multiprocessing4j;

/**
 * What differs between backends. Ask {@link Context#capabilities()}; tests and the comparison
 * report use these to expect each backend's own behaviour rather than pretending all are alike.
 */
public enum Capability {
    /** Each process has its own heap: a static changed in a child is unchanged in the parent. */
    ISOLATED_MEMORY,
    /** Each process has its own OS pid. */
    DISTINCT_PIDS,
    /** {@link ChildProcess#kill()} ends a process at once, whatever it is doing. */
    FORCED_TERMINATION,
    /** A process ended by signal N reports exit code {@code -N}, as a real signal would. */
    SIGNAL_EXIT_CODES,
    /** Targets, arguments and queued items are copied by serialization (not shared by reference). */
    SERIALIZED_ARGUMENTS,
    /** Children exit within a second when their parent dies abruptly. */
    ORPHAN_PROTECTION,
    /** A lock whose holder died is recovered by the next acquirer, who is told so. */
    ROBUST_LOCKS,
    /** Processes are started ahead of time, so that {@code start()} costs well under a millisecond. */
    SPARE_PROCESSES,
    /**
     * A pipe end handed on (to a child, or over another pipe) shares the pipe with the copy it came
     * from, as a descriptor does: messages not yet read stay in the pipe for whichever holder reads
     * next, so ends may be read in turn by several processes.
     */
    SHARED_PIPE_ENDS
}
