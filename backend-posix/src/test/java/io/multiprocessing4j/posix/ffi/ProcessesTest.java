package io.multiprocessing4j.posix.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void pidsMatchTheJdks() {
        assertEquals(ProcessHandle.current().pid(), Processes.getpid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Processes.getppid());
    }

    @Test
    void waitStatusesDecodeToOurConvention() {
        assertEquals(0, Processes.exitCode(0x0000));
        assertEquals(3, Processes.exitCode(0x0300));
        assertEquals(255, Processes.exitCode(0xff00));
        assertEquals(-15, Processes.exitCode(0x000f));
        assertEquals(-9, Processes.exitCode(0x0089)); // SIGKILL with the core-dump bit 0x80
        assertThrows(IllegalArgumentException.class, () -> Processes.exitCode(0x137f)); // stopped by SIGSTOP
        assertThrows(IllegalArgumentException.class, () -> Processes.exitCode(0xffff)); // continued
    }

    @Test
    void pidfdBecomesReadableWhenTheChildEnds() {
        int pid = Spawn.builder("/bin/sh").argv(List.of("sh", "-c", "exit 7")).spawn();
        int pidfd = Processes.pidfdOpen(pid);
        try {
            assertTrue(Descriptors.isCloseOnExec(pidfd));
            assertTrue((Descriptors.poll(pidfd, Descriptors.POLLIN, 20_000) & Descriptors.POLLIN) != 0);
            assertEquals(7, Processes.tryWait(pid).orElseThrow(), "ended, so WNOHANG reaps it");
        } finally {
            Descriptors.close(pidfd);
        }
    }

    @Test
    void existsAndErrorsForGonePids() {
        assertTrue(Processes.exists(Processes.getpid()));
        int pid = Spawn.builder("/bin/true").spawn();
        assertEquals(0, Processes.waitFor(pid));
        assertFalse(Processes.exists(pid) && pidStillOurs(pid), "reaped child is gone");
        PosixException e = assertThrows(PosixException.class, () -> Processes.waitpid(pid, 0));
        assertEquals(Errno.ECHILD, e.errno());
        assertTrue(e.getMessage().startsWith("waitpid(" + pid + ", ..., 0) failed: errno 10 (ECHILD): "),
                e.getMessage());
    }

    /** A reaped pid can be reused by an unrelated process; then it is not ours any more. */
    private static boolean pidStillOurs(int pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(parent -> parent.pid() == Processes.getpid()).orElse(false);
    }
}
