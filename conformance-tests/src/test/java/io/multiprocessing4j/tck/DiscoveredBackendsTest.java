package io.multiprocessing4j.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.Multiprocessing;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Applies the suite to every backend {@link java.util.ServiceLoader} finds that has no test class
 * of its own here (so that CI never runs a backend's suite twice): drop a third-party backend on
 * the test class path and it is held to the whole contract with no code at all.
 */
class DiscoveredBackendsTest {
    /** The backends with their own test class ({@link ThreadsTckTest}, {@link ForkJvmTckTest}, {@link PosixTckTest}). */
    private static final Set<String> OWN_CLASS = Set.of("threads", "forkjvm", "posix");

    @TestFactory
    Stream<DynamicNode> everyOtherDiscoveredBackend() {
        return Multiprocessing.backends().stream().map(BackendInfo::name).filter(n -> !OWN_CLASS.contains(n))
                .map(n -> DynamicContainer.dynamicContainer(n, MultiprocessingTck.forBackend(n)));
    }

    @Test
    void everyBackendOfThisRepositoryIsDiscovered() {
        List<String> found = Multiprocessing.backends().stream().map(BackendInfo::name).toList();
        assertTrue(found.containsAll(OWN_CLASS), "found: " + found);
    }
}
