package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SemaphoreEventTest extends ThreadsTestBase {

    @Test
    void semaphoreCountsPermits() {
        SharedSemaphore s = mp.semaphore(2);
        assertFalse(s.bounded());
        assertEquals(2, s.value());
        s.acquire();
        assertTrue(s.acquire(SHORT));
        assertEquals(0, s.value());
        assertFalse(s.acquire(Duration.ZERO));
        assertFalse(s.tryAcquire());
        assertFalse(s.acquire(SHORT));
        s.release();
        s.release();
        s.release();
        assertEquals(3, s.value(), "an unbounded semaphore may go past its initial value");
        try (var held = s.held()) {
            assertEquals(2, s.value());
        }
        assertEquals(3, s.value());
    }

    @Test
    void boundedSemaphoreRefusesOverRelease() {
        SharedSemaphore s = mp.boundedSemaphore(1);
        assertTrue(s.bounded());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(1, s.value());
        s.acquire();
        s.release();
        assertThrows(IllegalStateException.class, s::release);
        SharedSemaphore zero = mp.boundedSemaphore(0);
        assertThrows(IllegalStateException.class, zero::release);
    }

    @Test
    void semaphoreArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> mp.semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> mp.boundedSemaphore(-1));
        SharedSemaphore s = mp.semaphore(0);
        assertThrows(IllegalArgumentException.class, () -> s.acquire(Duration.ofMillis(-5)));
        assertThrows(NullPointerException.class, () -> s.acquire(null));
    }

    @Test
    void releaseWakesAWaiterInAnotherProcess() {
        SharedSemaphore s = mp.semaphore(0);
        ChildProcess waiter = mp.process(s::acquire).start();
        assertFalse(waiter.join(SHORT));
        s.release();
        assertTrue(waiter.join(LONG));
        assertEquals(0, s.value());
    }

    @Test
    void blockedSemaphoreAcquireIsInterruptible() throws Exception {
        SharedSemaphore s = mp.semaphore(0);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                s.acquire();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
    }

    @Test
    void eventSetsClearsAndWakes() {
        SharedEvent e = mp.event();
        assertFalse(e.isSet());
        assertFalse(e.await(SHORT));
        assertFalse(e.await(Duration.ZERO));
        ChildProcess waiter = mp.process(e::await).start();
        assertFalse(waiter.join(SHORT));
        e.set();
        assertTrue(waiter.join(LONG));
        assertTrue(e.isSet());
        assertTrue(e.await(Duration.ZERO));
        e.await();
        e.clear();
        assertFalse(e.isSet());
        assertThrows(IllegalArgumentException.class, () -> e.await(Duration.ofMillis(-1)));
    }

    @Test
    void blockedEventAwaitIsInterruptible() throws Exception {
        SharedEvent e = mp.event();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                e.await();
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
    }

    @Test
    void handlesResolveToTheSameObjects() throws Exception {
        SharedSemaphore s = mp.semaphore(1);
        SharedEvent e = mp.event();
        assertSame(s, roundTrip(s));
        assertSame(e, roundTrip(e));
    }
}
