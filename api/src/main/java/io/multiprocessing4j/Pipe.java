package io.multiprocessing4j;

import java.io.Serializable;
import java.util.Objects;

/**
 * The two ends of a pipe, as returned by Python's {@code Pipe()}. For a duplex pipe both ends
 * send and receive; for a one-way pipe ({@code Pipe(False)}) {@code left} only receives and
 * {@code right} only sends.
 *
 * @param left the first end (the receiving end of a one-way pipe)
 * @param right the second end (the sending end of a one-way pipe)
 */
public record Pipe(Connection left, Connection right) implements Serializable {
    /** @throws NullPointerException if either end is null */
    public Pipe {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
