package io.multiprocessing4j;

/**
 * A reentrant lock shared across processes: Python's {@code multiprocessing.RLock}. The holder
 * (a thread of a process) may acquire it again and must release it as many times; anyone else
 * releasing it gets {@link IllegalMonitorStateException}.
 */
public interface SharedRLock extends SharedMutex {
    /** @return how many times the calling thread holds it (0 if it does not) */
    int holdCount();

    /** @return whether the calling thread holds it */
    boolean isHeldByCurrentThread();
}
