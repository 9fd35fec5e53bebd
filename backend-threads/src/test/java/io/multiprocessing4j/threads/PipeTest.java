package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipeTest extends ThreadsTestBase {

    @Test
    void duplexPipeCarriesObjectsBothWaysByReference() {
        Pipe p = mp.pipe();
        Object o = new Object();
        p.left().send(o);
        p.left().send(null);
        p.right().send("back");
        assertSame(o, p.right().recv());
        assertNull(p.right().recv());
        assertEquals("back", p.left().recv());
        assertTrue(p.left().readable() && p.left().writable());
        assertTrue(p.right().readable() && p.right().writable());
    }

    @Test
    void oneWayPipeLeftReceivesRightSends() {
        Pipe p = mp.pipe(false);
        assertTrue(p.left().readable());
        assertFalse(p.left().writable());
        assertFalse(p.right().readable());
        assertTrue(p.right().writable());
        p.right().send(42);
        assertEquals(42, (int) p.left().recv());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.left().send(1));
        assertTrue(e.getMessage().contains("only receives"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> p.right().recv());
        assertTrue(e.getMessage().contains("only sends"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.right().poll());
        assertThrows(IllegalStateException.class, () -> p.left().sendBytes(new byte[1]));
        assertThrows(IllegalStateException.class, () -> p.right().recvBytes());
    }

    @Test
    void messagesKeepTheirBoundariesAndOrder() {
        Pipe p = mp.pipe();
        for (int i = 0; i < 1000; i++) {
            p.left().send(i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, (int) p.right().recv());
        }
    }

    @Test
    void eofAfterThePeerClosedAndEverythingWasRead() {
        Pipe p = mp.pipe();
        p.left().send("last");
        p.left().close();
        assertTrue(p.right().poll());
        assertEquals("last", p.right().recv());
        assertTrue(p.right().poll(), "EOF is readable");
        assertThrows(ConnectionEOFException.class, () -> p.right().recv());
        assertThrows(ConnectionEOFException.class, () -> p.right().recvBytes());
        assertThrows(ConnectionEOFException.class, () -> p.right().recv(SHORT));
        assertThrows(ConnectionEOFException.class, () -> p.right().send("to nobody"));
    }

    @Test
    void eofWakesABlockedReceiver() {
        Pipe p = mp.pipe(false);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // Only the reading end goes to the child: were the writing end passed too, the child would
        // hold it and never see EOF, as with real pipes.
        ChildProcess reader = mp.process((Connection in) -> {
            try {
                in.recv();
            } catch (ConnectionEOFException e) {
                thrown.set(e);
            }
        }, p.left()).start();
        assertFalse(reader.join(SHORT));
        p.right().close();
        assertTrue(reader.join(LONG));
        assertTrue(thrown.get() instanceof ConnectionEOFException);
    }

    @Test
    void closedEndRefusesEverything() {
        Pipe p = mp.pipe();
        Connection c = p.left();
        c.close();
        c.close();
        assertTrue(c.closed());
        assertFalse(p.right().closed());
        assertThrows(IllegalStateException.class, () -> c.send(1));
        assertThrows(IllegalStateException.class, c::recv);
        assertThrows(IllegalStateException.class, () -> c.recv(SHORT));
        assertThrows(IllegalStateException.class, c::poll);
        assertThrows(IllegalStateException.class, () -> c.poll(SHORT));
        assertThrows(IllegalStateException.class, () -> c.sendBytes(new byte[1]));
        assertThrows(IllegalStateException.class, c::recvBytes);
        assertThrows(IllegalStateException.class, () -> c.recvBytesInto(new byte[4]));
    }

    @Test
    void recvTimesOutAndPollWaits() {
        Pipe p = mp.pipe();
        assertFalse(p.right().poll());
        assertFalse(p.right().poll(SHORT));
        assertFalse(p.right().poll(Duration.ZERO));
        assertThrows(OperationTimeoutException.class, () -> p.right().recv(SHORT));
        assertThrows(OperationTimeoutException.class, () -> p.right().recv(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> p.right().recv(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> p.right().poll(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> p.right().recv(null));
        mp.process(() -> p.left().send("late")).start();
        assertTrue(p.right().poll(LONG));
        assertEquals("late", p.right().recv(LONG));
    }

    @Test
    void bytesRoundTripWithSlicesAndCopies() {
        Pipe p = mp.pipe();
        byte[] data = {1, 2, 3, 4, 5};
        p.left().sendBytes(data);
        p.left().sendBytes(data, 1, 3);
        p.left().sendBytes(new byte[0]);
        data[0] = 99;
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, p.right().recvBytes());
        assertArrayEquals(new byte[] {2, 3, 4}, p.right().recvBytes());
        assertArrayEquals(new byte[0], p.right().recvBytes());
        assertThrows(IndexOutOfBoundsException.class, () -> p.left().sendBytes(data, 3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> p.left().sendBytes(data, -1, 1));
        assertThrows(NullPointerException.class, () -> p.left().sendBytes(null));
        assertFalse(p.right().poll(), "refused sends sent nothing");
    }

    @Test
    void recvBytesIntoFillsFromOffsetOrCarriesTheWholeMessage() {
        Pipe p = mp.pipe();
        p.left().sendBytes(new byte[] {7, 8, 9});
        byte[] buf = new byte[5];
        assertEquals(3, p.right().recvBytesInto(buf, 2));
        assertArrayEquals(new byte[] {0, 0, 7, 8, 9}, buf);
        p.left().sendBytes(new byte[] {1, 2, 3, 4});
        BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> p.right().recvBytesInto(buf, 3));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, e.messageBytes());
        assertFalse(p.right().poll(), "the message was consumed");
        assertThrows(IndexOutOfBoundsException.class, () -> p.right().recvBytesInto(buf, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> p.right().recvBytesInto(buf, -1));
        p.left().sendBytes(new byte[] {5});
        assertEquals(1, p.right().recvBytesInto(buf));
        assertEquals(5, buf[0]);
        p.left().sendBytes(new byte[0]);
        assertEquals(0, p.right().recvBytesInto(buf, 5));
    }

    @Test
    void mixingObjectsAndBytesBehavesAsSerialized() throws Exception {
        Pipe p = mp.pipe();
        p.left().send(List.of("a", 1));
        byte[] serialized = p.right().recvBytes();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(expected)) {
            out.writeObject(List.of("a", 1));
        }
        assertArrayEquals(expected.toByteArray(), serialized);
        p.left().sendBytes(serialized);
        assertEquals(List.of("a", 1), p.right().recv());
        p.left().send(new Object());
        SerializationException e = assertThrows(SerializationException.class, () -> p.right().recvBytes());
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        p.left().sendBytes(new byte[] {1, 2});
        assertThrows(SerializationException.class, () -> p.right().recv());
    }

    @Test
    void blockedRecvIsInterruptible() throws Exception {
        Pipe p = mp.pipe();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                p.right().recv();
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
    }

    @Test
    void waitAnySeesReadableConnections() {
        Pipe a = mp.pipe();
        Pipe b = mp.pipe();
        assertEquals(List.of(), Multiprocessing.waitAny(List.of(a.right(), b.right()), SHORT));
        b.left().send("x");
        assertEquals(List.of(b.right()), Multiprocessing.waitAny(List.of(a.right(), b.right()), LONG));
    }

    @Test
    void serializedHandleIsTheSameEnd() throws Exception {
        Pipe p = mp.pipe();
        assertSame(p.left(), roundTrip(p.left()));
        Pipe copy = roundTrip(p);
        assertSame(p.right(), copy.right());
    }

    @Test
    void pingPongBetweenProcesses() {
        Pipe p = mp.pipe();
        ChildProcess echo = mp.process((Connection c) -> {
            while (true) {
                Integer v = c.recv();
                if (v < 0) {
                    return; // ending drops the child's hold: the parent then sees EOF
                }
                c.send(v + 1);
            }
        }, p.right()).start();
        p.right().close();
        for (int i = 0; i < 10_000; i++) {
            p.left().send(i);
            assertEquals(i + 1, (int) p.left().recv(LONG));
        }
        p.left().send(-1);
        assertThrows(ConnectionEOFException.class, () -> p.left().recv(LONG));
        assertTrue(echo.join(LONG));
        assertEquals(0, echo.exitCode());
    }

    @Test
    void closeInTheParentLeavesTheChildsHoldAndEofComesWhenTheChildEnds() {
        Pipe p = mp.pipe();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Boolean> closedInChild = new AtomicReference<>();
        ChildProcess child = mp.process((Connection c) -> {
            closed.await();
            closedInChild.set(c.closed());
            c.send("after the parent's close");
        }, p.right()).start();
        p.right().close();
        assertTrue(p.right().closed());
        assertThrows(IllegalStateException.class, () -> p.right().send("x"));
        closed.countDown();
        assertEquals("after the parent's close", p.left().recv(LONG));
        assertTrue(child.join(LONG));
        assertEquals(0, child.exitCode());
        assertEquals(Boolean.FALSE, closedInChild.get());
        assertThrows(ConnectionEOFException.class, () -> p.left().recv(LONG));
    }

    @Test
    void closeInTheChildWhileTheParentHoldsTheEndGivesNoEof() {
        Pipe p = mp.pipe();
        ChildProcess child = mp.process((Connection c) -> {
            c.send("hi");
            c.close();
        }, p.right()).start();
        assertTrue(child.join(LONG));
        assertEquals("hi", p.left().recv(LONG));
        // The parent still holds the right end (it made it), as a parent holds its descriptor.
        assertThrows(OperationTimeoutException.class, () -> p.left().recv(SHORT));
        assertFalse(p.right().closed());
        p.right().close();
        assertThrows(ConnectionEOFException.class, () -> p.left().recv(LONG));
    }

    @Test
    void endsNestedInArgumentsAreHeldByTheChild() {
        Pipe p = mp.pipe();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        ChildProcess child = mp.process((List<Connection> ends) -> {
            go.await();
            ends.get(0).send("nested");
        }, new java.util.ArrayList<>(List.of(p.right()))).start();
        p.right().close();
        go.countDown();
        assertEquals("nested", p.left().recv(LONG));
        assertTrue(child.join(LONG));
        assertThrows(ConnectionEOFException.class, () -> p.left().recv(LONG));
    }

    @Test
    void aProcessThatGetsAnEndLaterHoldsItFromItsFirstUse() {
        Pipe p = mp.pipe();
        io.multiprocessing4j.SharedQueue<Connection> q = mp.queue();
        ChildProcess child = mp.process(() -> {
            Connection c = q.get();
            c.send("first use");
            c.send("after the parent closed");
        }).start();
        q.put(p.right());
        assertEquals("first use", p.left().recv(LONG));
        p.right().close();
        assertEquals("after the parent closed", p.left().recv(LONG));
        assertTrue(child.join(LONG));
        assertThrows(ConnectionEOFException.class, () -> p.left().recv(LONG));
    }
}
