package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.SharedMemoryBlock;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class SharedMemoryTest extends ThreadsTestBase {

    @Test
    void blockIsZeroedNamedAndAttachable() {
        SharedMemoryBlock b = mp.sharedMemory(100);
        assertEquals(100, b.size());
        assertTrue(b.name().startsWith("mp4j_threads_"), b.name());
        assertEquals(0, b.segment().get(ValueLayout.JAVA_BYTE, 99));
        b.segment().set(ValueLayout.JAVA_INT, 0, 42);
        SharedMemoryBlock other = mp.attachSharedMemory(b.name());
        assertEquals(b.name(), other.name());
        assertEquals(42, other.segment().get(ValueLayout.JAVA_INT, 0));
        assertNotEquals(b.name(), mp.sharedMemory(1).name());
        b.unlink();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> mp.sharedMemory(0));
        assertThrows(IllegalArgumentException.class, () -> mp.sharedMemory(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mp.attachSharedMemory("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(NullPointerException.class, () -> mp.attachSharedMemory(null));
    }

    @Test
    void closeEndsOnlyThisView() {
        SharedMemoryBlock b = mp.sharedMemory(8);
        SharedMemoryBlock view = mp.attachSharedMemory(b.name());
        view.close();
        view.close();
        assertThrows(IllegalStateException.class, view::segment);
        b.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        assertEquals(1, mp.attachSharedMemory(b.name()).segment().get(ValueLayout.JAVA_BYTE, 0));
        b.unlink();
    }

    @Test
    void unlinkRemovesTheNameButOpenViewsStayValid() {
        SharedMemoryBlock b = mp.sharedMemory(8);
        SharedMemoryBlock view = mp.attachSharedMemory(b.name());
        view.unlink();
        assertThrows(IllegalArgumentException.class, () -> mp.attachSharedMemory(b.name()));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::unlink);
        assertTrue(e.getMessage().contains("already unlinked"), e.getMessage());
        b.segment().set(ValueLayout.JAVA_LONG, 0, 7L);
        assertEquals(7L, view.segment().get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    void closingTheContextUnlinksForgottenBlocksWithAWarning() {
        List<LogRecord> records = new ArrayList<>();
        Logger jul = Logger.getLogger(ThreadsContext.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            ThreadsContext other = (ThreadsContext) new ThreadsBackend().open(ContextOptions.DEFAULTS);
            SharedMemoryBlock forgotten = other.sharedMemory(16);
            SharedMemoryBlock unlinked = other.sharedMemory(16);
            unlinked.unlink();
            other.close();
            assertThrows(IllegalArgumentException.class, () -> mp.attachSharedMemory(forgotten.name()));
            assertEquals(1, records.size());
            assertTrue(records.get(0).getParameters()[0].equals(forgotten.name()));
            assertThrows(IllegalStateException.class, () -> other.sharedMemory(1));
            assertThrows(IllegalStateException.class, () -> other.attachSharedMemory(forgotten.name()));
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void handleResolvesToTheSameView() throws Exception {
        SharedMemoryBlock b = mp.sharedMemory(8);
        assertSame(b, roundTrip(b));
        b.unlink();
        assertFalse(b.toString().isEmpty());
    }
}
