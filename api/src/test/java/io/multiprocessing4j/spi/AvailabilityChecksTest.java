package io.multiprocessing4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AvailabilityChecksTest {

    @Test
    void availability() {
        Availability ok = Availability.ofAvailable();
        assertTrue(ok.available());
        assertNull(ok.reason());
        assertEquals(Optional.empty(), ok.unavailabilityCause());
        Availability no = Availability.unavailable("why");
        assertFalse(no.available());
        assertEquals("why", no.reason());
        Exception cause = new Exception();
        assertSame(cause, Availability.unavailable("why", cause).unavailabilityCause().orElseThrow());
        assertThrows(NullPointerException.class, () -> Availability.unavailable(null));
        assertThrows(NullPointerException.class, () -> Availability.unavailable(null, cause));
        assertThrows(IllegalArgumentException.class, () -> new Availability(true, "reason", null));
        assertThrows(IllegalArgumentException.class, () -> new Availability(false, null, null));
    }

    @Test
    void timeouts() {
        assertEquals(Duration.ZERO, Checks.timeout(Duration.ZERO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.timeout(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Checks.timeout(null));
        assertEquals(5_000_000, Checks.timeoutNanos(Duration.ofMillis(5)));
        assertEquals(Long.MAX_VALUE, Checks.timeoutNanos(Duration.ofDays(365L * 1_000_000)));
        assertEquals(Long.MAX_VALUE, Checks.timeoutNanos(Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> Checks.timeoutNanos(Duration.ofNanos(-1)));
    }

    @Test
    void counts() {
        assertEquals(1, Checks.positive("parties", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.positive("parties", 0));
        assertEquals("parties must be positive: 0", e.getMessage());
        assertEquals(0, Checks.nonNegative("n", 0));
        e = assertThrows(IllegalArgumentException.class, () -> Checks.nonNegative("n", -1));
        assertEquals("n must not be negative: -1", e.getMessage());
    }

    @Test
    void indexes() {
        assertEquals(0, Checks.index(0, 1));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Checks.index(1, 1));
        assertEquals("index 1 out of range for length 1", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Checks.index(-1, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Checks.index(0, 0));
    }
}
