package io.multiprocessing4j.spi.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    @Test
    void onlyPeersWithTheKeyGetThrough() throws Exception {
        Path dir = UnixSockets.newPrivateDirectory("mp4j-test-");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        byte[] key = Authenticator.newKey();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (UnixConnectionListener l = new UnixConnectionListener(dir.resolve("s"), key)) {
                CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(l::accept);
                // a wrong key is refused, and the listener keeps accepting
                assertThrows(AuthenticationException.class, () -> UnixSockets.connect(l.path(), Authenticator.newKey()));
                try (FramedChannel good = UnixSockets.connect(l.path(), key);
                        Connection server = accepted.get(20, TimeUnit.SECONDS)) {
                    byte[] hello = {1, 2, 3};
                    good.write(hello, 0, hello.length);
                    assertEquals(3, server.recvBytes().length);
                    server.sendBytes(new byte[] {9});
                    assertEquals(9, good.read(Long.MAX_VALUE)[0]);
                    server.close();
                    assertThrows(ConnectionEOFException.class, () -> good.read(Long.MAX_VALUE));
                }
            }
        });
        assertThrows(ConnectionEOFException.class, () -> UnixSockets.connect(dir.resolve("s"), key));
        Files.deleteIfExists(dir);
    }
}
