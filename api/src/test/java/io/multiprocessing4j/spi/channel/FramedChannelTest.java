package io.multiprocessing4j.spi.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ProcessInterruptedException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Framing and waiting of {@link FramedChannel} over a connected Unix-domain socket. */
@Timeout(60)
class FramedChannelTest {
    private static final int[] SIZES = {0, 1, 4, 64 * 1024 - 4, 64 * 1024, 64 * 1024 + 1, (1 << 20) + 1};

    private Path dir;
    private FramedChannel a;
    private FramedChannel b;

    @BeforeEach
    void connect() throws Exception {
        dir = Files.createTempDirectory("mp4j-framed");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            a = new FramedChannel(client);
            b = new FramedChannel(server.accept());
        }
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        Files.deleteIfExists(dir.resolve("s"));
        Files.deleteIfExists(dir);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void prefixedMessagesOfEverySizeArriveWholeBothWays() throws Exception {
        for (FramedChannel[] way : new FramedChannel[][] {{a, b}, {b, a}}) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int size : SIZES) {
                    byte[] padded = random(size + 3, size);
                    way[0].writePrefixed(new byte[] {1, 2, 3}, padded, 2, size);
                    way[0].write(padded, 1, size);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            for (int size : SIZES) {
                byte[] padded = random(size + 3, size);
                byte[] expected = new byte[size + 3];
                expected[0] = 1;
                expected[1] = 2;
                expected[2] = 3;
                System.arraycopy(padded, 2, expected, 3, size);
                assertArrayEquals(expected, way[1].read(TimeUnit.SECONDS.toNanos(20)), "prefixed " + size);
                assertArrayEquals(Arrays.copyOfRange(padded, 1, size + 1), way[1].read(TimeUnit.SECONDS.toNanos(20)));
            }
            writer.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTimeoutIsHonouredAndAnInterruptOrCloseEndsAWait() throws Exception {
        long start = System.nanoTime();
        assertNull(b.read(TimeUnit.MILLISECONDS.toNanos(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        assertFalse(b.poll(0));

        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                b.read(Long.MAX_VALUE);
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        reader.interrupt();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(reader.isAlive());
        assertTrue(seen.get() instanceof ProcessInterruptedException, String.valueOf(seen.get()));

        Thread second = Thread.ofPlatform().start(() -> {
            try {
                b.read(Long.MAX_VALUE);
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        b.close();
        second.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(second.isAlive());
        assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
    }
}
