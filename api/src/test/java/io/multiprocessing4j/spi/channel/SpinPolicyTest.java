package io.multiprocessing4j.spi.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpinPolicyTest {
    @Test
    void kernelCpuListsAreCounted() {
        org.junit.jupiter.api.Assertions.assertEquals(2, SpinPolicy.countCpus("0-1\n"));
        org.junit.jupiter.api.Assertions.assertEquals(1, SpinPolicy.countCpus("0"));
        org.junit.jupiter.api.Assertions.assertEquals(6, SpinPolicy.countCpus("0-3,5,7"));
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> SpinPolicy.countCpus("x"));
        org.junit.jupiter.api.Assertions.assertTrue(SpinPolicy.onlineCpus() >= 1);
    }

    @Test
    void stopsAfterMissesRetriesEveryNthWaitAndResumesAfterAHit() {
        SpinPolicy p = new SpinPolicy();
        for (int i = 0; i < SpinPolicy.MISSES; i++) {
            assertTrue(p.shouldSpin(), "spins until the misses");
            p.miss();
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < SpinPolicy.RETRY_EVERY; i++) {
                assertFalse(p.shouldSpin(), "wait " + i + " after the misses must not spin");
            }
            assertTrue(p.shouldSpin(), "every " + SpinPolicy.RETRY_EVERY + "th wait tries again");
            p.miss();
        }
        for (int i = 1; i < SpinPolicy.RETRY_EVERY; i++) {
            p.shouldSpin();
        }
        assertTrue(p.shouldSpin());
        p.hit();
        assertTrue(p.shouldSpin(), "a hit turns spinning back on");
        assertTrue(p.shouldSpin());
    }
}
