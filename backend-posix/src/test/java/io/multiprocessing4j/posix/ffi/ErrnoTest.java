package io.multiprocessing4j.posix.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.MultiprocessingException;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void describeJoinsNumberNameAndStrerror() {
        assertEquals("errno 17 (EEXIST): File exists", Errno.describe(Errno.EEXIST));
        assertEquals("errno 4 (EINTR): Interrupted system call", Errno.describe(Errno.EINTR));
    }

    @Test
    void unknownNumbersStillGetAMessage() {
        assertNull(Errno.name(4000));
        assertTrue(Errno.describe(4000).startsWith("errno 4000: "), Errno.describe(4000));
    }

    @Test
    void posixExceptionIsAMultiprocessingExceptionCarryingItsErrno() {
        PosixException e = new PosixException("kill", "kill(1, 0)", Errno.EPERM);
        assertTrue(e instanceof MultiprocessingException);
        assertEquals("kill(1, 0) failed: errno 1 (EPERM): Operation not permitted", e.getMessage());
        assertEquals("EPERM", e.errnoName());
        assertEquals(0, new PosixException("plain").errno());
        assertNull(new PosixException("plain").errnoName());
    }
}
