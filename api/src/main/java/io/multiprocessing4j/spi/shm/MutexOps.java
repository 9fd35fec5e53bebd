package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedMutex;

/** What a condition wait does to its lock: check it is held, release it fully, take it back. */
final class MutexOps {
    private MutexOps() {
    }

    static void checkHeld(SharedMutex m, String what) {
        boolean held = m instanceof ShmRLock r ? r.isHeldByCurrentThread() : ((ShmLock) m).isLocked();
        if (!held) {
            throw new IllegalMonitorStateException("cannot " + what + ": the condition's lock is not held");
        }
    }

    static int releaseFully(SharedMutex m) {
        if (m instanceof ShmRLock r) {
            return r.releaseFully();
        }
        m.release();
        return 1;
    }

    /** Takes the lock back even if interrupted meanwhile (the interrupt status is kept). */
    static void reacquire(SharedMutex m, int saved) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                if (m instanceof ShmRLock r) {
                    r.restore(saved);
                } else {
                    m.acquire();
                }
                break;
            } catch (ProcessInterruptedException e) {
                Thread.interrupted();
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
