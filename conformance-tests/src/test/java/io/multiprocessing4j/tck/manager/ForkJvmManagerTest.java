package io.multiprocessing4j.tck.manager;

import io.multiprocessing4j.Multiprocessing;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The manager contract on the forkjvm backend (skipped where that backend is unavailable). */
class ForkJvmManagerTest extends ManagerContract {
    @BeforeAll
    static void requireBackend() {
        Assumptions.assumeTrue(Multiprocessing.backends().stream().anyMatch(b -> b.name().equals("forkjvm") && b.available()),
                "the forkjvm backend is not available here");
    }

    @Override
    protected String backendName() {
        return "forkjvm";
    }
}
