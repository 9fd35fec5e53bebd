package io.multiprocessing4j.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by every backend, so that the same bad value is refused the same way,
 * with the same message, whichever backend runs.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks a timeout.
     *
     * @param timeout the timeout
     * @return {@code timeout}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static Duration timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return timeout;
    }

    /**
     * Converts a checked timeout to nanoseconds, saturating at {@link Long#MAX_VALUE}.
     *
     * @param timeout the timeout
     * @return its length in nanoseconds
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static long timeoutNanos(Duration timeout) {
        timeout(timeout);
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Checks a count that must be positive (processes, parties).
     *
     * @param what the parameter's name, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is zero or negative, naming it
     */
    public static int positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    /**
     * Checks a count that must not be negative (semaphore values, sizes).
     *
     * @param what the parameter's name, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative, naming it
     */
    public static int nonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * Checks an index.
     *
     * @param index the index
     * @param length the length of what it indexes
     * @return {@code index}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length)}, naming both
     */
    public static int index(int index, int length) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for length " + length);
        }
        return index;
    }
}
