package io.multiprocessing4j.posix.ffi;

import static io.multiprocessing4j.posix.ffi.NativeTestSupport.killAndReap;
import static io.multiprocessing4j.posix.ffi.NativeTestSupport.readLine;
import static io.multiprocessing4j.posix.ffi.NativeTestSupport.readToEof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpawnTest {

    private static int sh(String script) {
        return Spawn.builder("/bin/sh").argv(List.of("sh", "-c", script)).spawn();
    }

    @Test
    void exitCodeOfShellIsReported() {
        int pid = sh("exit 3");
        assertEquals(3, Processes.waitFor(pid));
    }

    @Test
    void sigtermGivesMinus15() {
        int pid = Spawn.builder("sleep").argv(List.of("sleep", "10")).spawn();
        try {
            assertTrue(Processes.tryWait(pid).isEmpty(), "sleep 10 should still run");
            Processes.kill(pid, Processes.SIGTERM);
            assertEquals(-15, Processes.waitFor(pid));
        } finally {
            killAndReap(pid);
        }
    }

    @Test
    void sigkillGivesMinus9() {
        int pid = Spawn.builder("sleep").argv(List.of("sleep", "10")).spawn();
        try {
            Processes.kill(pid, Processes.SIGKILL);
            assertEquals(-9, Processes.waitFor(pid));
        } finally {
            killAndReap(pid);
        }
    }

    @Test
    void mappedSocketBecomesFd3InTheChild() {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        try {
            int pid = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", "echo hi >&3"))
                    .mapFd(pair[1], 3).spawn();
            Descriptors.close(pair[1]); // else our own copy keeps the socket from reaching EOF
            pair[1] = -1;
            assertEquals("hi\n", readToEof(pair[0]));
            assertEquals(0, Processes.waitFor(pid));
        } finally {
            closeQuietly(pair);
        }
    }

    @Test
    void swappedMappingsDoNotClobberEachOther() {
        // ours a -> child 4 and ours b -> child 3, where the staging must keep the sources apart
        int[] first = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        int[] second = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            int pid = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", "echo four >&4; echo three >&3"))
                    .mapFd(first[1], 4).mapFd(second[1], 3).spawn();
            Descriptors.close(first[1]);
            Descriptors.close(second[1]);
            first[1] = second[1] = -1;
            assertEquals("four\n", readToEof(first[0]));
            assertEquals("three\n", readToEof(second[0]));
            assertEquals(0, Processes.waitFor(pid));
        } finally {
            closeQuietly(first);
            closeQuietly(second);
        }
    }

    @Test
    void onlyStdioAndMappedDescriptorsAreInherited() throws IOException {
        assertOnlyStdioAndFd3Inherited(false);
    }

    @Test
    void onlyStdioAndMappedDescriptorsAreInheritedWithoutClosefrom() throws IOException {
        assertOnlyStdioAndFd3Inherited(true);
    }

    private static void assertOnlyStdioAndFd3Inherited(boolean fallback) throws IOException {
        // An inheritable pipe (no O_CLOEXEC): without the close actions it would leak, as would
        // the dozens of jars the JVM itself holds open without close-on-exec.
        int[] leaky = Descriptors.pipe2(0);
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        int[] stdin = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        // posix_spawn returns once the exec has replaced the memory map, but the kernel closes
        // close-on-exec descriptors a moment later: wait for the shell to say it runs, and keep
        // it alive (blocked reading stdin) while we look at its descriptors.
        // (No redirection in the script: dash parks a redirected descriptor on fd 10 meanwhile.)
        Spawn.Builder shell = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", "echo ready; read line"))
                .mapFd(stdin[0], 0).mapFd(pair[1], 1).mapFd(pair[1], 3);
        int pid = fallback ? shell.spawnWithoutClosefrom() : shell.spawn();
        try {
            assertEquals("ready", readLine(pair[0]));
            Set<Integer> childFds;
            try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                childFds = fds.map(p -> Integer.parseInt(p.getFileName().toString())).collect(Collectors.toSet());
            }
            assertFalse(Descriptors.isCloseOnExec(leaky[0]), "precondition: the pipe is inheritable");
            assertEquals(Set.of(0, 1, 2, 3), childFds, "child descriptors");
            assertTrue(Descriptors.isCloseOnExec(pair[1]), "our mapped end keeps its close-on-exec flag");
            Descriptors.close(stdin[1]); // EOF ends the shell's read, and the shell
            stdin[1] = -1;
            assertEquals(1, Processes.waitFor(pid), "read at EOF fails, and so does the shell");
        } finally {
            killAndReap(pid);
            closeQuietly(leaky);
            closeQuietly(pair);
            closeQuietly(stdin);
        }
    }

    @Test
    void fallbackWithoutClosefromListsExactlyTheInheritableDescriptors() {
        int[] leaky = Descriptors.pipe2(0);
        int[] sealed = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            List<Integer> found = Spawn.inheritableAbove(2);
            assertTrue(found.contains(leaky[0]) && found.contains(leaky[1]), found + " lacks " + leaky[0]);
            assertFalse(found.contains(sealed[0]) || found.contains(sealed[1]), found + " has a close-on-exec fd");
            assertFalse(Spawn.inheritableAbove(leaky[1]).contains(leaky[1]), "the floor is exclusive");
        } finally {
            closeQuietly(leaky);
            closeQuietly(sealed);
        }
    }

    @Test
    void explicitEnvironmentReplacesOurs() {
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            int pid = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", "echo \"$MP4J_PROBE:${HOME-unset}\""))
                    .environment(List.of("MP4J_PROBE=value")).mapFd(pipe[1], 1).spawn();
            Descriptors.close(pipe[1]);
            pipe[1] = -1;
            assertEquals("value:unset\n", readToEof(pipe[0]));
            assertEquals(0, Processes.waitFor(pid));
        } finally {
            closeQuietly(pipe);
        }
    }

    @Test
    void missingExecutableNamesPosixSpawnAndEnoent() {
        PosixException e = assertThrows(PosixException.class,
                () -> Spawn.builder("/nonexistent/mp4j-no-such-binary").spawn());
        assertEquals("posix_spawn", e.function());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("/nonexistent/mp4j-no-such-binary"), e.getMessage());
        assertTrue(e.getMessage().contains("errno 2 (ENOENT): No such file or directory"), e.getMessage());
    }

    @Test
    void mappingAClosedDescriptorFailsBeforeSpawning() {
        int neverOpen = 1_000_000; // above any RLIMIT_NOFILE we run with
        PosixException e = assertThrows(PosixException.class,
                () -> Spawn.builder("/bin/true").mapFd(neverOpen, 3).spawn());
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void builderRefusesBadArguments() {
        Spawn.Builder builder = Spawn.builder("/bin/true").mapFd(0, 3);
        assertThrows(IllegalArgumentException.class, () -> builder.mapFd(1, 3));
        assertThrows(IllegalArgumentException.class, () -> builder.mapFd(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> builder.argv(List.of()));
        assertThrows(IllegalArgumentException.class, () -> builder.argv(List.of("a\0b")));
    }

    private static void closeQuietly(int[] fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                try {
                    Descriptors.close(fd);
                } catch (PosixException ignored) {
                    // already closed by the test
                }
            }
        }
    }
}
