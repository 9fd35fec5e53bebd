package io.multiprocessing4j.posix.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.spi.launch.AotCache;
import io.multiprocessing4j.spi.launch.ChildBootstrap;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A posix child gets the SPI's AOT cache on its command line once the cache exists, and runs with it. */
class AotLaunchTest {
    private static final byte[] KEY = new byte[32];

    @Test
    void everyChildIsToldWhichFactoryToWarmUpWhileItWaits() {
        String factory = "io.multiprocessing4j.posix.context.PosixChildContextFactory";
        List<String> cmd = new PosixLauncher(KEY, ContextOptions.DEFAULTS.withAotCache(false), factory).command();
        assertEquals(ChildBootstrap.WARM_UP + factory, cmd.getLast(), cmd::toString);
        assertEquals(ChildBootstrap.INHERITED_CONTROL, cmd.get(cmd.size() - 2), cmd::toString);
    }

    @Test
    void withTheCacheTurnedOffTheCommandHasNoAotOption() {
        List<String> cmd = new PosixLauncher(KEY, ContextOptions.DEFAULTS.withAotCache(false)).command();
        assertTrue(cmd.stream().noneMatch(a -> a.startsWith("-XX:AOTCache")), cmd::toString);
        assertTrue(cmd.contains("-Xrs"), cmd::toString);
    }

    @Test
    void aChildStartsWithTheCacheOnceItExistsAndRunsCorrectlyWithIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            AotCache cache = AotCache.shared(true);
            assertTrue(cache.enabled(), "the test class path has jars, so the cache must be enabled");
            assertTrue(cache.awaitTraining(Duration.ofSeconds(180)), "the AOT cache was not trained: " + cache.file());

            List<String> cmd = new PosixLauncher(KEY, ContextOptions.DEFAULTS.withSpareProcesses(0)).command();
            assertTrue(cmd.contains("-XX:AOTCache=" + cache.file()), cmd::toString);
            String cp = cmd.get(cmd.indexOf("-cp") + 1);
            String first = cp.split(File.pathSeparator)[0];
            assertTrue(Files.isRegularFile(Path.of(first)), "the jars come first on the class path: " + cp);

            // -XX:AOTMode=on makes the child JVM fail at start if it cannot map the cache.
            ContextOptions strict = ContextOptions.DEFAULTS.withJvmOptions(List.of("-XX:AOTMode=on"));
            try (Context mp = Multiprocessing.context("posix", strict)) {
                Pipe p = mp.pipe(false);
                Connection tx = p.right();
                ChildProcess c = mp.process(() -> {
                    tx.send("hello from an AOT child");
                    Multiprocessing.exit(5);
                }).start();
                assertEquals("hello from an AOT child", p.left().recv(Duration.ofSeconds(60)));
                assertTrue(c.join(Duration.ofSeconds(60)), "the child did not end");
                assertEquals(5, c.exitCode());
            }
        });
    }
}
