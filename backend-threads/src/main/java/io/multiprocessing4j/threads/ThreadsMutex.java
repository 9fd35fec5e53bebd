package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedMutex;
import java.util.concurrent.locks.Condition;

/** A lock of this backend, which conditions can be built on. */
interface ThreadsMutex extends SharedMutex {
    /** @return a new JDK condition of the underlying lock */
    Condition newJdkCondition();
}
