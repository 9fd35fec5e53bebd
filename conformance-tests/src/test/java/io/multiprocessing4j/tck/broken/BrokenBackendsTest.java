package io.multiprocessing4j.tck.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The suite is itself tested: applied to deliberately broken backends, the checks about the broken
 * part must fail; applied to the same proxy without a bug, they must pass.
 */
class BrokenBackendsTest {
    private static Events run(Class<?> suite) {
        // only the checks (the factory), not the nested pool and manager contracts
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(suite, "conformance")).execute().testEvents();
    }

    private static Set<String> ids(Events events) {
        Set<String> ids = new TreeSet<>();
        events.stream().forEach(e -> ids.add(e.getTestDescriptor().getDisplayName().split(" ")[0]));
        return ids;
    }

    @Test
    void theUnbrokenProxyPassesEveryCheckTheBrokenOnesFail() {
        Events events = run(BrokenSuite.Control.class);
        assertEquals(Set.of(), ids(events.failed()), "the control must pass");
        assertEquals(Set.of(), ids(events.skipped()), "the control must not skip");
        assertEquals(new TreeSet<>(new BrokenSuite.Control().checks()), ids(events.succeeded()));
    }

    @Test
    void aQueueThatDropsItemsFails() {
        Set<String> failed = ids(run(BrokenSuite.DroppingQueue.class).failed());
        assertEquals(new TreeSet<>(Set.of("Q-01", "Q-21", "Q-22", "E000-06", "E002-09")), failed);
    }

    @Test
    void aQueueThatDuplicatesItemsFails() {
        Set<String> failed = ids(run(BrokenSuite.DuplicatingQueue.class).failed());
        assertTrue(failed.containsAll(Set.of("Q-01", "Q-21", "Q-22")), "failed: " + failed);
    }

    @Test
    void aLockThatDoesNotExcludeFails() {
        Set<String> failed = ids(run(BrokenSuite.NonExcludingLock.class).failed());
        // E002-15 (the seed's a == b checker) catches it only when the checker looks at the wrong moment
        assertTrue(failed.containsAll(Set.of("L-02", "L-06", "L-11", "E000-10")), "failed: " + failed);
    }

    @Test
    void exitCodesThatAreAlwaysZeroFail() {
        Set<String> failed = ids(run(BrokenSuite.ZeroExitCode.class).failed());
        assertEquals(new TreeSet<>(Set.of("P-08", "P-09", "P-10", "P-11", "P-15", "E002-02", "E002-03")), failed);
    }

    @Test
    void aPoolThatLosesAResultFails() {
        Set<String> failed = ids(run(BrokenSuite.LosingPool.class).failed());
        assertEquals(new TreeSet<>(Set.of("PL-02", "E002-07", "E004-06", "E004-09")), failed);
    }
}
