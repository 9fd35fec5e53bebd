package io.multiprocessing4j.spi.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.SocketConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The spin-or-sleep choice of {@link SpinningReceiver}, on simulated wait times and on a real socket. */
@Timeout(60)
class SpinningReceiverTest {
    private static final long BUDGET = 100_000;

    /**
     * Runs {@code waits} waits whose length {@code took(spun, index)} gives.
     *
     * @return how many of them spun
     */
    private static int simulate(SpinningReceiver r, int waits, LongBinaryOperator took) {
        int spun = 0;
        for (int i = 0; i < waits; i++) {
            boolean spin = r.beginWait();
            if (spin) {
                spun++;
            }
            r.endWait(spin, took.applyAsLong(spin ? 1 : 0, i));
        }
        return spun;
    }

    @Test
    void onABusyMachineWhereSpinningLengthensWaitsItSleepsAndTriesSpinningRarely() {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        // spinning holds the CPU the peer needs: the wait lasts the whole spin and then some
        int spun = simulate(r, 20_000, (spin, i) -> spin == 1 ? 130_000 : 15_000);
        assertFalse(r.prefersSpin());
        assertEquals(SpinningReceiver.MAX_EXPLORE, r.exploreInterval(), "fruitless tries back off");
        assertTrue(spun < 60, "spun " + spun + " of 20000 waits");
    }

    @Test
    void aPairOfSleepingEndsTurnsToSpinningOnceSpinningPaysEvenAfterAWarmUpWhereItLost() {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        simulate(r, 5_000, (spin, i) -> spin == 1 ? 130_000 : 25_000); // a peer interpreted, or busy
        assertFalse(r.prefersSpin());
        int[] turnedAt = {-1};
        simulate(r, 8_000, (spin, i) -> {
            if (turnedAt[0] < 0 && r.prefersSpin()) {
                turnedAt[0] = (int) i;
            }
            return spin == 1 ? 4_000 : 25_000; // the peer now answers in µs; sleeping costs a wake-up
        });
        assertTrue(turnedAt[0] >= 0, "never turned to spinning");
        int spun = simulate(r, 1_000, (spin, i) -> spin == 1 ? 4_000 : 25_000);
        assertTrue(spun >= 990, "spun only " + spun + " of the last 1000 waits");
    }

    @Test
    void anIdlePeerIsWaitedForAsleep() {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        int spun = simulate(r, 3_000, (spin, i) -> 5_000_000); // a client between calls, a lock held
        assertFalse(r.prefersSpin());
        assertTrue(spun <= 12, "spun " + spun + " of 3000 waits for an idle peer");
    }

    @Test
    void aPauseOfThePeerDoesNotEndSpinning() {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        simulate(r, 2_000, (spin, i) -> spin == 1 ? 4_000 : 25_000);
        assertTrue(r.prefersSpin());
        simulate(r, 1, (spin, i) -> 2_000_000_000L); // the peer paused for 2 s
        assertTrue(r.prefersSpin(), "one pause is no reason to stop spinning");
        int spun = simulate(r, 300, (spin, i) -> spin == 1 ? 4_000 : 25_000);
        assertTrue(spun >= 295, "spun only " + spun + " of 300 waits after the pause");
    }

    @Test
    void aPeerThatTurnsSlowEndsSpinningSoonAndAPeerQuickAgainRestartsItSoon() {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        simulate(r, 2_000, (spin, i) -> spin == 1 ? 4_000 : 25_000);
        int[] off = {-1};
        simulate(r, 50, (spin, i) -> {
            if (off[0] < 0 && !r.prefersSpin()) {
                off[0] = (int) i;
            }
            return 3_000_000; // the peer now answers in ms (a blocking call, a busy machine)
        });
        assertTrue(off[0] >= 0 && off[0] <= 10, "spinning ended only after " + off[0] + " slow waits");
        int[] back = {-1};
        simulate(r, 400, (spin, i) -> {
            if (back[0] < 0 && r.prefersSpin()) {
                back[0] = (int) i;
            }
            return spin == 1 ? 4_000 : 25_000;
        });
        assertTrue(back[0] >= 0 && back[0] <= 200, "spinning came back only after " + back[0] + " waits");
    }

    @Test
    void withoutASpinBudgetItNeverSpins() {
        SpinningReceiver r = new SpinningReceiver(0);
        assertEquals(0, simulate(r, 5_000, (spin, i) -> 1_000));
        assertFalse(r.prefersSpin());
    }

    // ---- on a socket ----

    private Path dir;
    private SocketConnection a;
    private SocketConnection b;

    @BeforeEach
    void connect() throws Exception {
        dir = Files.createTempDirectory("mp4j-spin");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            a = new SocketConnection(new FramedChannel(SocketChannel.open(UnixDomainSocketAddress.of(socket))));
            b = new SocketConnection(new FramedChannel(server.accept()));
        }
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        Files.deleteIfExists(dir.resolve("s"));
        Files.deleteIfExists(dir);
    }

    @Test
    void receivesMessagesThatComeDuringTheSpinAndAfterIt() throws Exception {
        SpinningReceiver r = new SpinningReceiver(BUDGET);
        assertTrue(r.beginWait(), "a fresh receiver spins first");
        r.endWait(true, 1_000);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch readingLast = new CountDownLatch(1);
        // The 201st blocking read is entered only after the spin for it ended without a message.
        Connection watched = onBlockingRead(a, 201, readingLast);
        CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    waiting.await();
                    b.sendBytes(new byte[] {(byte) i, 7});
                }
                // the last one is sent once the receiver sleeps for it: it is read asleep
                assertTrue(readingLast.await(30, TimeUnit.SECONDS), "the receiver never went to sleep");
                b.sendBytes(new byte[] {42});
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.countDown();
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(new byte[] {(byte) i, 7}, r.recv(watched));
        }
        assertArrayEquals(new byte[] {42}, r.recv(watched));
        peer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptedWaitThrowsAndAGonePeerIsEndOfStream() throws Exception {
        SpinningReceiver spinning = new SpinningReceiver(BUDGET);
        SpinningReceiver sleeping = new SpinningReceiver(0);
        for (SpinningReceiver r : new SpinningReceiver[] {spinning, sleeping}) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(ProcessInterruptedException.class, () -> r.recv(a));
            } finally {
                Thread.interrupted();
            }
        }
        CompletableFuture<Void> interrupter = new CompletableFuture<>();
        Thread waiter = Thread.currentThread();
        CountDownLatch asleep = new CountDownLatch(1);
        Connection watched = onBlockingRead(a, 1, asleep);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                if (!asleep.await(30, TimeUnit.SECONDS)) {
                    return; // the assertion below fails: the receive never blocked
                }
            } catch (InterruptedException e) {
                return;
            }
            waiter.interrupt();
            interrupter.complete(null);
        });
        try {
            assertThrows(ProcessInterruptedException.class, () -> spinning.recv(watched), "interrupt while asleep");
        } finally {
            Thread.interrupted(); // the receive keeps the interrupt status set, as blocking calls do
            t.join(10_000);
        }
        assertTrue(interrupter.isDone(), "the interrupt came from the other thread");
        b.close();
        assertThrows(ConnectionEOFException.class, () -> spinning.recv(a));
    }

    /**
     * @param c a connection
     * @param nth which call of {@code recvBytes()} (the blocking read, entered after any spin) to report
     * @param entered counted down when that call begins
     * @return {@code c}, reporting that call
     */
    private static Connection onBlockingRead(Connection c, int nth, CountDownLatch entered) {
        AtomicInteger calls = new AtomicInteger();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("recvBytes") && method.getParameterCount() == 0
                            && calls.incrementAndGet() == nth) {
                        entered.countDown();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
