package io.multiprocessing4j.tck;

import io.multiprocessing4j.SerializableRunnable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** The semantic contract: Python's behaviour of every API type, and where we deliberately differ. */
final class ContractChecks {
    /** The longest a wait that must succeed may take (never reached by a working backend). */
    static final Duration T = Duration.ofSeconds(20);
    /** A short wait that must time out. */
    static final Duration SHORT = Duration.ofMillis(50);

    private ContractChecks() {
    }

    static List<Check> all() {
        List<Check> all = new ArrayList<>();
        all.addAll(ContextChecks.checks());
        all.addAll(ProcessChecks.checks());
        all.addAll(ProcessLifetimeChecks.checks());
        all.addAll(QueueChecks.checks());
        all.addAll(QueueMoreChecks.checks());
        all.addAll(PipeChecks.checks());
        all.addAll(LockChecks.checks());
        all.addAll(SyncChecks.checks());
        all.addAll(BarrierChecks.checks());
        all.addAll(ValueChecks.checks());
        all.addAll(ArrayChecks.checks());
        all.addAll(PoolChecks.checks());
        all.addAll(ManagerChecks.checks());
        return all;
    }

    /**
     * Runs {@code body} and names what it threw, for children to report through a queue.
     *
     * @param body what to run
     * @return the simple name of the exception's class, or "none"
     */
    static String thrown(Executable body) {
        try {
            body.execute();
            return "none";
        } catch (Throwable t) {
            return t.getClass().getSimpleName();
        }
    }

    /** A target that waits (interruptibly) for a long time. */
    static SerializableRunnable sleeper() {
        return () -> Thread.sleep(60_000);
    }
}
