package io.multiprocessing4j.spi.launch;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.spi.channel.Authenticator;
import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.UnixConnectionListener;
import io.multiprocessing4j.spi.channel.UnixSockets;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The training run for an AOT cache: does once what every child does (serialization of a lambda,
 * a Unix socket with the key challenge, framing), so that the cache holds those classes linked.
 */
final class Training {
    private Training() {
    }

    static void run() {
        Path dir = UnixSockets.newPrivateDirectory("mp4j-train-");
        byte[] key = Authenticator.newKey();
        try (UnixConnectionListener listener = new UnixConnectionListener(dir.resolve("t"), key)) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (FramedChannel client = UnixSockets.connect(listener.path(), key);
                    Connection server = accepted.join()) {
                io.multiprocessing4j.SerializableRunnable r = () -> System.out.flush();
                byte[] bytes = Codec.serialize(r);
                client.write(bytes, 0, bytes.length);
                Object back = Codec.deserialize(server.recvBytes());
                server.send(back instanceof io.multiprocessing4j.SerializableRunnable);
                Codec.deserialize(client.read(Long.MAX_VALUE));
                Codec.deserialize(Codec.serialize(new LaunchRequest(bytes,
                        new io.multiprocessing4j.ProcessInfo("train", 1, false), "x", null)));
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
