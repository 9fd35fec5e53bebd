package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.spi.Backend;
import io.multiprocessing4j.spi.ConnectionProvider;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void providerDescribesItself() {
        ThreadsBackend b = new ThreadsBackend();
        assertEquals("threads", b.name());
        assertEquals(10, b.priority());
        assertTrue(b.availability().available());
        assertEquals(Set.of(Capability.ORPHAN_PROTECTION, Capability.SHARED_PIPE_ENDS), b.capabilities());
        assertThrows(NullPointerException.class, () -> b.open(null));
    }

    @Test
    void isRegisteredWithServiceLoader() {
        assertTrue(ServiceLoader.load(Backend.class).stream().anyMatch(p -> p.type() == ThreadsBackend.class));
    }

    @Test
    void multiprocessingOpensItByName() {
        try (Context mp = Multiprocessing.context("threads")) {
            assertEquals("threads", mp.backendName());
            assertEquals(Set.of(Capability.ORPHAN_PROTECTION, Capability.SHARED_PIPE_ENDS), mp.capabilities());
            assertInstanceOf(ConnectionProvider.class, mp);
            assertNotNull(mp.queue());
        }
    }

    @Test
    void closedContextRefusesFactories() {
        Context mp = new ThreadsBackend().open(ContextOptions.DEFAULTS);
        mp.close();
        mp.close();
        assertThrows(IllegalStateException.class, mp::queue);
        assertThrows(IllegalStateException.class, mp::pipe);
        assertThrows(IllegalStateException.class, mp::lock);
        assertThrows(IllegalStateException.class, () -> mp.value('i', 0));
    }
}
