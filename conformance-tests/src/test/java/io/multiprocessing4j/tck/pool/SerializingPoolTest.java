package io.multiprocessing4j.tck.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.PoolOptions;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.RemoteException;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.pool.GenericPool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic pool's serializing path (what process backends take), exercised on the threads
 * backend by a context that claims {@link Capability#SERIALIZED_ARGUMENTS}: tasks and results
 * travel as bytes, so serialization failures must surface in the right place.
 */
class SerializingPoolTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Context threads;
    private ProcessPool pool;

    @BeforeEach
    void open() {
        threads = Multiprocessing.context("threads");
        Set<Capability> caps = EnumSet.of(Capability.SERIALIZED_ARGUMENTS);
        caps.addAll(threads.capabilities());
        Context serializing = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getName().equals("capabilities")) {
                        return caps;
                    }
                    if (method.getName().equals("has")) {
                        return caps.contains(args[0]);
                    }
                    try {
                        return method.invoke(threads, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        pool = new GenericPool(serializing, PoolOptions.builder().processes(2).build());
    }

    @AfterEach
    void close() {
        pool.terminate();
        threads.close();
    }

    /** Not serializable. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    /** An exception that cannot be serialized (it holds an {@link Opaque}). */
    static final class OpaqueException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Opaque payload = new Opaque(1);

        OpaqueException(String message) {
            super(message);
        }
    }

    @Test
    void resultsAndArgumentsTravelAsCopies() {
        assertTimeoutPreemptively(LIMIT, () -> {
            assertEquals(List.of(2, 4, 6), pool.map((Integer x) -> x * 2, List.of(1, 2, 3)));
            List<Integer> arg = new java.util.ArrayList<>(List.of(1));
            List<Integer> back = pool.apply((List<Integer> l) -> {
                l.add(2);
                return l;
            }, arg);
            assertEquals(List.of(1, 2), back);
            assertEquals(List.of(1), arg); // the worker changed its own copy
        });
    }

    @Test
    void unserializableArgumentFailsInTheCaller() {
        Opaque o = new Opaque(1);
        SerializationException e = assertThrows(SerializationException.class, () -> pool.apply((Opaque x) -> 1, o));
        assertTrue(e.getMessage().contains(Opaque.class.getName()), e.getMessage());
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class,
                () -> pool.submit((Callable<Integer>) () -> 1));
        assertTrue(r.getMessage().contains("Serializable"), r.getMessage());
    }

    @Test
    void unserializableResultFailsThatTask() {
        assertTimeoutPreemptively(LIMIT, () -> {
            RemoteException e = assertThrows(RemoteException.class, () -> pool.apply(() -> new Opaque(2)));
            assertInstanceOf(SerializationException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains(Opaque.class.getName()), e.getCause().getMessage());
            assertEquals(3, pool.apply(() -> 3));
        });
    }

    @Test
    void unserializableExceptionArrivesAsNameMessageAndStack() {
        assertTimeoutPreemptively(LIMIT, () -> {
            RemoteException e = assertThrows(RemoteException.class, () -> pool.apply(() -> {
                throw new OpaqueException("cannot travel");
            }));
            assertNull(e.getCause());
            assertEquals(OpaqueException.class.getName(), e.remoteClassName());
            assertTrue(e.remoteStackTrace().contains("cannot travel"), e.remoteStackTrace());
            assertTrue(e.getMessage().contains("cannot travel"), e.getMessage());
        });
    }
}
