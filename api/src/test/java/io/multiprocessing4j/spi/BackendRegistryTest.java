package io.multiprocessing4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Capability;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {
    private String savedProperty;
    private final Map<String, String> env = new HashMap<>();
    private final UnaryOperator<String> environment = env::get;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(BackendRegistry.PROPERTY);
        System.clearProperty(BackendRegistry.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(BackendRegistry.PROPERTY);
        } else {
            System.setProperty(BackendRegistry.PROPERTY, savedProperty);
        }
    }

    private static Backend backend(String name, int priority, Availability availability) {
        Backend b = mock(Backend.class, name);
        when(b.name()).thenReturn(name);
        when(b.priority()).thenReturn(priority);
        when(b.availability()).thenReturn(availability);
        when(b.capabilities()).thenReturn(Set.of(Capability.ISOLATED_MEMORY));
        return b;
    }

    private final Backend threads = backend("threads", 10, Availability.ofAvailable());
    private final Backend forkjvm = backend("forkjvm", 20, Availability.ofAvailable());
    private final Backend posix = backend("posix", 30, Availability.unavailable("not Linux"));

    private BackendRegistry registry(Backend... backends) {
        return new BackendRegistry(List.of(backends), environment);
    }

    @Test
    void defaultIsTheAvailableBackendWithTheHighestPriority() {
        assertSame(forkjvm, registry(threads, posix, forkjvm).select(null));
        assertSame(threads, registry(threads).select(null));
    }

    @Test
    void explicitNameWins() {
        System.setProperty(BackendRegistry.PROPERTY, "forkjvm");
        env.put(BackendRegistry.ENVIRONMENT, "forkjvm");
        assertSame(threads, registry(threads, forkjvm).select("threads"));
        assertSame(threads, registry(threads, forkjvm).select(" threads "));
    }

    @Test
    void systemPropertyBeatsEnvironmentAndPriority() {
        System.setProperty(BackendRegistry.PROPERTY, "threads");
        env.put(BackendRegistry.ENVIRONMENT, "forkjvm");
        assertSame(threads, registry(threads, forkjvm).select(null));
    }

    @Test
    void environmentBeatsPriority() {
        env.put(BackendRegistry.ENVIRONMENT, "threads");
        assertSame(threads, registry(threads, forkjvm).select(null));
        System.setProperty(BackendRegistry.PROPERTY, "  ");
        assertSame(threads, registry(threads, forkjvm).select(null), "a blank property falls through");
    }

    @Test
    void unknownNameListsAvailableAndUnavailableWithReasons() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> registry(threads, forkjvm, posix).select("nope"));
        assertTrue(e.getMessage().contains("unknown backend 'nope' (requested)"), e.getMessage());
        assertTrue(e.getMessage().contains("available: forkjvm, threads"), e.getMessage());
        assertTrue(e.getMessage().contains("unavailable: posix (not Linux)"), e.getMessage());
    }

    @Test
    void unknownNameFromPropertyOrEnvironmentSaysWhere() {
        System.setProperty(BackendRegistry.PROPERTY, "bad1");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> registry(threads).select(null));
        assertTrue(e.getMessage().contains("system property " + BackendRegistry.PROPERTY), e.getMessage());
        System.clearProperty(BackendRegistry.PROPERTY);
        env.put(BackendRegistry.ENVIRONMENT, "bad2");
        e = assertThrows(BackendUnavailableException.class, () -> registry(threads).select(null));
        assertTrue(e.getMessage().contains("'bad2' (environment variable " + BackendRegistry.ENVIRONMENT + ")"), e.getMessage());
    }

    @Test
    void unavailableNamedBackendFailsWithItsReasonAndCause() {
        RuntimeException cause = new RuntimeException("dlopen failed");
        Backend broken = backend("posix", 30, Availability.unavailable("no libc", cause));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> registry(threads, broken).select("posix"));
        assertTrue(e.getMessage().contains("backend 'posix' (requested) is unavailable: no libc"), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void noAvailableBackend() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> registry(posix).select(null));
        assertTrue(e.getMessage().contains("no multiprocessing4j backend is available"), e.getMessage());
        assertTrue(e.getMessage().contains("available: none; unavailable: posix (not Linux)"), e.getMessage());
    }

    @Test
    void noBackendAtAll() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> registry().select(null));
        assertTrue(e.getMessage().contains("no backend was found on the class path"), e.getMessage());
        assertTrue(e.getMessage().contains("multiprocessing4j-backend-threads"), e.getMessage());
        assertEquals(List.of(), registry().list());
    }

    @Test
    void duplicateNamesAreRefusedNamingBothClasses() {
        Backend twin = backend("threads", 99, Availability.ofAvailable());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> registry(threads, twin));
        assertTrue(e.getMessage().contains("two backends are named 'threads'"), e.getMessage());
        assertTrue(e.getMessage().contains(threads.getClass().getName()), e.getMessage());
    }

    @Test
    void listIsByPriorityWithAvailability() {
        List<BackendInfo> list = registry(threads, posix, forkjvm).list();
        assertEquals(List.of("posix", "forkjvm", "threads"), list.stream().map(BackendInfo::name).toList());
        assertEquals("not Linux", list.get(0).unavailabilityReason());
        assertTrue(list.get(1).available());
        assertEquals(Set.of(Capability.ISOLATED_MEMORY), list.get(2).capabilities());
        assertEquals("posix (unavailable: not Linux)", list.get(0).toString());
        assertEquals("forkjvm (available, priority 20)", list.get(1).toString());
    }

    @Test
    void nullEnvironmentIsRefused() {
        assertThrows(NullPointerException.class, () -> new BackendRegistry(List.of(), null));
    }

    @Test
    void installedFindsServiceLoaderBackends() {
        // The api module has no backend on its class path.
        assertEquals(List.of(), BackendRegistry.installed().list());
    }
}
