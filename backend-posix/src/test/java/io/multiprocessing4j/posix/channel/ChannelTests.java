package io.multiprocessing4j.posix.channel;

import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** What the channel tests share: message bodies and a writer on its own thread. */
final class ChannelTests {
    private ChannelTests() {
    }

    /** @return {@code size} random bytes, the same for the same seed */
    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs {@code r} on another thread; its failure closes {@code writer} so that a reader sees EOF, not a hang. */
    static CompletableFuture<Void> async(FdChannel writer, Runnable r) {
        return CompletableFuture.runAsync(() -> {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                writer.close();
                throw e;
            }
        }, runnable -> Thread.ofPlatform().daemon().start(runnable));
    }
}
