package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SharedMappingTest {

    private static Path fileOf(SharedMapping mapping) {
        return Path.of("/dev/shm" + mapping.name());
    }

    @Test
    void secondMappingSeesWritesBothWays() {
        try (SharedMapping created = SharedMapping.create(4096)) {
            try (SharedMapping attached = SharedMapping.attach(created.name())) {
                assertEquals(4096, attached.size());
                assertNotEquals(created.segment().address(), attached.segment().address(),
                        "two distinct mappings of one object");
                assertEquals(0L, attached.segment().get(JAVA_LONG, 8), "new objects are zero-filled");
                created.segment().set(JAVA_LONG, 8, 0x1234_5678_9abcL);
                assertEquals(0x1234_5678_9abcL, attached.segment().get(JAVA_LONG, 8));
                attached.segment().set(JAVA_INT, 4092, 42);
                assertEquals(42, created.segment().get(JAVA_INT, 4092));
            } finally {
                created.unlink();
            }
        }
    }

    @Test
    void createdObjectIsOwnerOnlyWithOurPrefix() throws Exception {
        try (SharedMapping mapping = SharedMapping.create(100)) {
            try {
                assertTrue(mapping.name().startsWith(SharedMapping.NAME_PREFIX), mapping.name());
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(fileOf(mapping))));
                assertEquals(100, Files.size(fileOf(mapping)));
                assertEquals(0, mapping.segment().address() % 4096, "mappings are page-aligned");
            } finally {
                mapping.unlink();
            }
        }
    }

    @Test
    void unlinkRemovesTheDevShmFile() {
        try (SharedMapping mapping = SharedMapping.create(64)) {
            assertTrue(Files.exists(fileOf(mapping)));
            mapping.unlink();
            assertFalse(Files.exists(fileOf(mapping)));
            mapping.segment().set(JAVA_INT, 0, 7); // still mapped until closed
            assertEquals(7, mapping.segment().get(JAVA_INT, 0));
            PosixException again = assertThrows(PosixException.class, mapping::unlink);
            assertEquals(Errno.ENOENT, again.errno());
        }
    }

    @Test
    void attachingAMissingNameNamesFunctionErrnoAndStrerror() {
        PosixException e = assertThrows(PosixException.class, () -> SharedMapping.attach("/mp4j-no-such-object"));
        assertEquals("shm_open", e.function());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("shm_open(\"/mp4j-no-such-object\", O_RDWR|O_CLOEXEC, 00) failed: errno 2 (ENOENT):"
                + " No such file or directory", e.getMessage());
    }

    @Test
    void creatingATakenNameFailsWithEexist() {
        try (SharedMapping first = SharedMapping.create(64)) {
            try {
                PosixException e = assertThrows(PosixException.class, () -> SharedMapping.create(first.name(), 64));
                assertEquals(Errno.EEXIST, e.errno());
                assertTrue(e.getMessage().startsWith("shm_open(\"" + first.name()
                        + "\", O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0600) failed: errno 17 (EEXIST): File exists"),
                        e.getMessage());
            } finally {
                first.unlink();
            }
        }
    }

    @Test
    void closedMappingRefusesAccessInsteadOfCrashing() {
        SharedMapping mapping = SharedMapping.create(64);
        mapping.unlink();
        mapping.close();
        mapping.close(); // idempotent
        assertFalse(mapping.isOpen());
        assertThrows(IllegalStateException.class, () -> mapping.segment().get(JAVA_INT, 0));
    }

    @Test
    void badNamesAndSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedMapping.attach("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> SharedMapping.attach("/a/b"));
        assertThrows(IllegalArgumentException.class, () -> SharedMapping.attach("/"));
        assertThrows(IllegalArgumentException.class, () -> SharedMapping.create("/mp4j-x", 0));
    }

    @Test
    void memfdCreateMakesAnEmptyNamelessFileAndRejectsUnknownFlags() {
        int fd = Memory.memfdCreate("mp4j-test", Memory.MFD_CLOEXEC);
        try {
            assertEquals(0, Memory.size(fd));
            assertTrue(Descriptors.isCloseOnExec(fd));
        } finally {
            Descriptors.close(fd);
        }
        PosixException e = assertThrows(PosixException.class, () -> Memory.memfdCreate("mp4j-test", 1 << 20));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("memfd_create(\"mp4j-test\", 1048576)"), e.getMessage());
    }
}
