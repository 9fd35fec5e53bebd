package io.multiprocessing4j.posix.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The posix child's warm-up leaves nothing behind. */
class ChildWarmUpTest {
    @Test
    void theWarmUpOpensNoDescriptorAndCreatesNoSharedMemory() throws IOException {
        new PosixChildContextFactory().warmUp(); // first run: classes load, lazily made descriptors settle
        Set<String> fds = list(Path.of("/proc/self/fd"));
        Set<String> shm = list(Path.of("/dev/shm"));
        new PosixChildContextFactory().warmUp();
        assertEquals(fds, list(Path.of("/proc/self/fd")), "descriptors left open");
        Set<String> added = list(Path.of("/dev/shm"));
        added.removeAll(shm);
        assertTrue(added.stream().noneMatch(n -> n.contains("warm-up")), "shared memory left: " + added);
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
