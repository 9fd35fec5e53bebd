package io.multiprocessing4j.posix.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.spi.channel.SpinPolicy;
import org.junit.jupiter.api.Test;

/** The adaptive spin of a socket wait stops after fruitless spins and comes back. */
class SocketWaitTest {
    @Test
    void spinningStopsAfterMissesTriesAgainEvery64WaitsAndResumesOnAHit() {
        assumeTrue(SocketWait.SPIN_NANOS > 0, "no spinning on one CPU");
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        try {
            SocketWait wait = new SocketWait(pair[0], Descriptors.POLLIN, "receive");
            for (int i = 0; i < SpinPolicy.MISSES; i++) {
                assertFalse(wait.await(1, 0, Long.MAX_VALUE, null));
            }
            assertEquals(SpinPolicy.MISSES, wait.spins(), "every wait spun until the misses");
            for (int i = 0; i < 63; i++) {
                assertFalse(wait.await(1, 0, Long.MAX_VALUE, null));
            }
            assertEquals(SpinPolicy.MISSES, wait.spins(), "no spin after the misses");
            Descriptors.writeFully(pair[1], new byte[] {1});
            assertTrue(wait.await(1, 0, Long.MAX_VALUE, null), "the 64th wait spins and finds the byte");
            assertEquals(SpinPolicy.MISSES + 1, wait.spins());
            assertTrue(wait.await(1, 0, Long.MAX_VALUE, null), "the byte is still unread");
            assertEquals(SpinPolicy.MISSES + 2, wait.spins(), "a hit turns spinning back on");
        } finally {
            Descriptors.close(pair[0]);
            Descriptors.close(pair[1]);
        }
    }

    @Test
    void aSpinLooksWithTheCallersLookInsteadOfPoll() {
        assumeTrue(SocketWait.SPIN_NANOS > 0, "no spinning on one CPU");
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        try {
            SocketWait wait = new SocketWait(pair[0], Descriptors.POLLIN, "receive");
            int[] looks = {0};
            // nothing is ever written: only the look can say it is ready
            assertTrue(wait.await(1000, 0, Long.MAX_VALUE, () -> ++looks[0] > 0));
            assertEquals(1, looks[0]);
            assertEquals(1, wait.spins());
        } finally {
            Descriptors.close(pair[0]);
            Descriptors.close(pair[1]);
        }
    }
}
