package io.multiprocessing4j.posix.ffi;

import static io.multiprocessing4j.posix.ffi.NativeTestSupport.readToEof;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeAvailabilityTest {

    @Test
    void availableOnThisLinuxBuildMachine() {
        assertEquals(Optional.empty(), NativeAvailability.unavailability());
        assertTrue(NativeAvailability.isAvailable());
        assertNull(NativeAvailability.unavailabilityCause());
        assertDoesNotThrow(NativeAvailability::ensureAvailable);
    }

    @Test
    void otherOperatingSystemsAreNamed() {
        NativeAvailability.Unavailability u = NativeAvailability.check("Mac OS X", "aarch64").orElseThrow();
        assertTrue(u.reason().startsWith("not Linux: os.name is \"Mac OS X\""), u.reason());
        assertNull(u.cause());
    }

    @Test
    void otherArchitecturesAreNamed() {
        NativeAvailability.Unavailability u = NativeAvailability.check("Linux", "riscv64").orElseThrow();
        assertTrue(u.reason().startsWith("unsupported architecture: os.arch is \"riscv64\""), u.reason());
        assertTrue(u.toException().getMessage().contains("riscv64"));
    }

    @Test
    void bothArchitecturesAreRecognised() {
        assertEquals(Optional.of(Platform.Arch.X86_64), Platform.archOf("amd64"));
        assertEquals(Optional.of(Platform.Arch.AARCH64), Platform.archOf("aarch64"));
        assertEquals(202, Platform.Arch.X86_64.sysFutex());
        assertEquals(98, Platform.Arch.AARCH64.sysFutex());
    }

    @Test
    void deniedNativeAccessIsReportedWithTheFix() {
        // A JVM started with --illegal-native-access=deny, via our own spawn, its stdout a pipe.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            int pid = Spawn.builder(java)
                    .argv(List.of("java", "--illegal-native-access=deny", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                            "-cp", System.getProperty("java.class.path"), AvailabilityProbe.class.getName()))
                    .mapFd(pipe[1], 1)
                    .spawn();
            Descriptors.close(pipe[1]);
            pipe[1] = -1;
            String out = readToEof(pipe[0]);
            assertEquals(0, Processes.waitFor(pid), out);
            assertTrue(out.startsWith("UNAVAILABLE native access is denied"), out);
            assertTrue(out.contains("--enable-native-access=ALL-UNNAMED"), out);
            assertTrue(out.contains("IllegalCallerException"), out);
        } finally {
            for (int fd : pipe) {
                if (fd >= 0) {
                    Descriptors.close(fd);
                }
            }
        }
    }
}
