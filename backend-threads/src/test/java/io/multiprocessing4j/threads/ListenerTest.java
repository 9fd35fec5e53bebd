package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.spi.ConnectionListener;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ListenerTest extends ThreadsTestBase {

    @Test
    void clientAndServerTalkDuplex() {
        ConnectionListener l = mp.listen();
        assertTrue(l.address().startsWith("threads:"));
        ChildProcess server = mp.process(() -> {
            try (Connection c = l.accept()) {
                String hello = c.recv();
                c.send(hello + " back");
            }
        }).start();
        Connection client = mp.connect(l.address());
        client.send("hello");
        assertEquals("hello back", client.recv(LONG));
        assertThrows(ConnectionEOFException.class, () -> client.recv(LONG));
        assertTrue(server.join(LONG));
        assertEquals(0, server.exitCode());
        l.close();
    }

    @Test
    void addressesAreFresh() {
        try (ConnectionListener a = mp.listen(); ConnectionListener b = mp.listen()) {
            assertNotEquals(a.address(), b.address());
        }
    }

    @Test
    void connectToUnknownOrClosedAddressIsEof() {
        assertThrows(ConnectionEOFException.class, () -> mp.connect("threads:nothing"));
        assertThrows(NullPointerException.class, () -> mp.connect(null));
        ConnectionListener l = mp.listen();
        l.close();
        l.close();
        assertThrows(ConnectionEOFException.class, () -> mp.connect(l.address()));
        assertThrows(IllegalStateException.class, l::accept);
    }

    @Test
    void closeWakesABlockedAcceptAndEndsPendingClients() throws Exception {
        ConnectionListener l = mp.listen();
        Connection pending = mp.connect(l.address());
        Connection accepted = l.accept();
        Connection never = mp.connect(l.address());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        l.accept();
        Thread t = thread(() -> {
            try {
                l.accept();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        waitUntilBlocked(t);
        l.close();
        t.join(10_000);
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        accepted.send("still works");
        assertEquals("still works", pending.recv(LONG));
        never.close();
    }

    @Test
    void unacceptedClientsSeeEofWhenTheListenerCloses() {
        ConnectionListener l = mp.listen();
        Connection client = mp.connect(l.address());
        l.close();
        assertThrows(ConnectionEOFException.class, () -> client.recv(LONG));
    }

    @Test
    void anotherContextIsRefused() {
        ConnectionListener l = mp.listen();
        ThreadsContext other = (ThreadsContext) new ThreadsBackend().open(ContextOptions.DEFAULTS);
        try {
            assertThrows(AuthenticationException.class, () -> other.connect(l.address()));
        } finally {
            other.close();
        }
    }

    @Test
    void contextCloseClosesItsListeners() {
        ThreadsContext other = (ThreadsContext) new ThreadsBackend().open(ContextOptions.DEFAULTS);
        ConnectionListener l = other.listen();
        other.close();
        assertThrows(IllegalStateException.class, l::accept);
        assertThrows(ConnectionEOFException.class, () -> other.connect(l.address()));
        assertThrows(IllegalStateException.class, other::listen);
    }

    @Test
    void blockedAcceptIsInterruptible() throws Exception {
        ConnectionListener l = mp.listen();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                l.accept();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, flag.get());
        l.close();
    }
}
