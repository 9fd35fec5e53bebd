package io.multiprocessing4j.tck;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.examples.TimeScale;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The conformance suite (TCK) for a backend: every seed example and the semantic contract. A
 * backend runs all of it by extending this class and naming itself:
 *
 * <pre>{@code
 * class MyBackendTckTest extends MultiprocessingTck {
 *     @Override protected String backendName() { return "mybackend"; }
 * }
 * }</pre>
 *
 * <p>The pool and manager contracts ({@link io.multiprocessing4j.tck.pool.PoolContract},
 * {@link io.multiprocessing4j.tck.manager.ManagerContract}) run as nested classes of the same suite.
 *
 * <p>Each check is a dynamic test named by its ID and the backend, for example
 * {@code E000-05 [threads] Queue(3): full, FIFO, empty}, grouped by area. If the backend is not
 * available here, every check is skipped with the backend's own reason (never passed). A check
 * needing a pool or a manager is skipped, with the reason, when the backend does not provide one.
 */
public abstract class MultiprocessingTck {
    /** @return the name of the backend under test, as {@code Multiprocessing.context(name)} takes it */
    protected abstract String backendName();

    /**
     * Opens a context of the backend under test; override to test a backend that is not
     * registered with {@link java.util.ServiceLoader} (the suite's own broken backends do).
     *
     * @return a new context
     */
    protected Context openContext() {
        return Multiprocessing.context(backendName());
    }

    /** @return why the backend cannot run here, or null if it can */
    protected String unavailability() {
        List<BackendInfo> found = Multiprocessing.backends();
        for (BackendInfo b : found) {
            if (b.name().equals(backendName())) {
                return b.available() ? null : b.unavailabilityReason();
            }
        }
        return "backend '" + backendName() + "' is not on the class path (found: " + found + ")";
    }

    /** @return the examples' time scale: one seed second is 50 ms unless overridden */
    protected TimeScale scale() {
        return TimeScale.FAST;
    }

    /** @return the longest one check may take before it fails as hanging */
    protected Duration checkTimeout() {
        return Duration.ofSeconds(90);
    }

    /**
     * @param check a check of the suite
     * @return whether to run it (all by default; override to run a subset)
     */
    protected boolean includes(Check check) {
        return true;
    }

    /**
     * The whole suite for a backend found by name, as dynamic tests: for runners that apply the
     * suite to every backend {@link Multiprocessing#backends()} finds.
     *
     * @param backend the backend's name
     * @return its checks, grouped by area (skipped with the reason if it is unavailable)
     */
    public static Stream<DynamicNode> forBackend(String backend) {
        return new MultiprocessingTck() {
            @Override
            protected String backendName() {
                return backend;
            }
        }.conformance();
    }

    /** @return every check, grouped by area, as dynamic tests */
    @TestFactory
    Stream<DynamicNode> conformance() {
        String backend = backendName();
        CheckRunner runner = new CheckRunner(this::openContext, scale(), checkTimeout(), unavailability());
        Map<String, List<DynamicNode>> byArea = new LinkedHashMap<>();
        for (Check c : Catalogue.all()) {
            if (includes(c)) {
                byArea.computeIfAbsent(c.area(), a -> new java.util.ArrayList<>())
                        .add(DynamicTest.dynamicTest(c.id() + " [" + backend + "] " + c.title(), () -> runner.runOrThrow(c)));
            }
        }
        return byArea.entrySet().stream()
                .<DynamicNode>map(e -> DynamicContainer.dynamicContainer(e.getKey() + " [" + backend + "]", e.getValue()))
                .onClose(runner::close);
    }

    /** The pool contract, on the same backend (skipped with the reason if it is unavailable). */
    @Nested
    @ExtendWith(SkipUnavailable.class)
    class Pool extends io.multiprocessing4j.tck.pool.PoolContract {
        @Override
        protected String backendName() {
            return MultiprocessingTck.this.backendName();
        }
    }

    /** The manager contract, on the same backend (skipped with the reason if it is unavailable). */
    @Nested
    @ExtendWith(SkipUnavailable.class)
    class Manager extends io.multiprocessing4j.tck.manager.ManagerContract {
        @Override
        protected String backendName() {
            return MultiprocessingTck.this.backendName();
        }
    }

    /** Skips a nested contract's tests, before its own set-up opens a context, when the backend is unavailable. */
    static final class SkipUnavailable implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
                if (instance instanceof MultiprocessingTck tck) {
                    String reason = tck.unavailability();
                    if (reason != null) {
                        throw new TestAbortedException("backend unavailable: " + reason);
                    }
                }
            }
        }
    }
}
