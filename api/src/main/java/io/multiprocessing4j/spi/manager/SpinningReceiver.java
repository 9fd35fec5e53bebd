package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.spi.channel.SpinPolicy;

/**
 * Receives the next message of one manager connection (a client waiting for its reply, a server
 * thread waiting for the next request), spinning on {@link Connection#poll()} before it blocks
 * when that has been measured to wait less. One per connection end; not thread-safe (a connection
 * serves one call at a time).
 *
 * <p>Why: a proxy call is a ping-pong, and a thread that sleeps in the kernel pays the scheduler's
 * wake-up (~10-40 µs per hop here) against a few µs of socket hop. The channel's own
 * {@link SpinPolicy} judges a spin by whether it hit; when both ends sleep (as after the server
 * JVM's interpreted start, when every early spin missed) each end's answer comes a wake-up of the
 * peer later than its spin waits, so both policies stay off: measured 0.8 context switches per
 * call on each side. But spinning is no sure gain either: on a machine whose CPUs are all busy, a
 * spinning end holds the CPU its peer needs (and loses the scheduler's favour for sleepers), and
 * every wait then lasts the whole spin: measured 100+ µs per call against 17 µs sleeping.
 *
 * <p>So the choice is measured: a moving average of the waits (spin, sleep and read included)
 * made spinning and one of those made sleeping (a plain {@code recvBytes}, as before, the channel's
 * own adaptive spin included), and each wait takes the mode whose waits were
 * shorter; spinning also needs its average under half the budget, so an idle peer (long waits
 * both ways) is waited for asleep. The other mode is tried every {@code explore}-th wait, with
 * weight 1/2 so that a stale average is corrected in a few tries; each try that neither changes
 * the choice nor lowers its mode's average by a quarter doubles the interval (up to {@value #MAX_EXPLORE}), so trying a loaded machine's spin
 * costs little; a change of choice, by a try or by the chosen mode's own waits (the peer paused),
 * resets the interval. A wait of {@link #SAMPLE_CAP_NANOS} or more counts as that, for both modes,
 * so one long pause does not turn spinning off (measured: counted as 1 ms for the mode in use, the
 * server's wait across each pause between the benchmark's batches of calls turned spinning off for
 * about a hundred calls).
 */
final class SpinningReceiver {
    /**
     * The longest spin: covers a sleeping peer's wake-up plus a short call, so that one end's try
     * can pull a pair of sleeping ends into spinning. Zero on a one-CPU machine.
     */
    static final long SPIN_NANOS = SpinPolicy.SEVERAL_CPUS ? 100_000 : 0;
    /**
     * The most one wait counts: twice the spin budget. A wait that long is the peer's pause (a
     * client between bursts of calls), which either mode would have waited out, so it counts for
     * both averages: one pause does not end the spinning, while a peer whose waits all exceed it
     * (an idle one) keeps both averages above half the budget, so it is waited for asleep.
     */
    static final long SAMPLE_CAP_NANOS = 2 * 100_000;
    /** The shortest interval, in waits, between tries of the mode not chosen. */
    static final int MIN_EXPLORE = 16;
    /** The longest interval, in waits, between tries of the mode not chosen. */
    static final int MAX_EXPLORE = 1024;
    /** The weight of the newest wait in an average: 1 / 2^{@value}. */
    private static final int SHIFT = 3;

    private final long spinNanos;
    /** Averages of recent waits, ns, spinning and sleeping; 0 (untried) for spinning: try it first. */
    private long spinAverage;
    private long sleepAverage = SAMPLE_CAP_NANOS;
    private int explore = MIN_EXPLORE;
    private int sinceExplore;
    /** Whether the wait in progress tries the mode not preferred. */
    private boolean exploring;

    /** A receiver with the machine's spin budget. */
    SpinningReceiver() {
        this(SPIN_NANOS);
    }

    /** @param spinNanos the spin budget (0: never spin) */
    SpinningReceiver(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /**
     * Waits for and reads the next message.
     *
     * @param c the connection
     * @return the message's bytes
     * @throws io.multiprocessing4j.ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if the connection is closed
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    byte[] recv(Connection c) {
        boolean spin = beginWait();
        long start = System.nanoTime();
        if (spin) {
            long end = start + spinNanos;
            // poll() is one non-blocking read into the channel's buffer (it also sees end of stream and
            // throws on interrupt), so the recvBytes after a hit does not enter the kernel again.
            while (!c.poll() && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }
        byte[] message = c.recvBytes();
        endWait(spin, System.nanoTime() - start);
        return message;
    }

    /** @return whether the coming wait spins first; then {@link #endWait} must follow */
    boolean beginWait() {
        exploring = spinNanos > 0 && ++sinceExplore >= explore;
        return exploring != prefersSpin();
    }

    /** @return whether waits spin, apart from the tries of sleeping */
    boolean prefersSpin() {
        return spinNanos > 0 && spinAverage <= spinNanos / 2 && spinAverage < sleepAverage;
    }

    /**
     * Records the wait that {@link #beginWait} began.
     *
     * @param spun what {@code beginWait} returned
     * @param nanos how long the wait took, spin, sleep and read included
     */
    void endWait(boolean spun, long nanos) {
        long sample = Math.min(Math.max(nanos, 0), SAMPLE_CAP_NANOS);
        int shift = exploring ? 1 : SHIFT;
        boolean before = prefersSpin();
        long triedBefore = spun ? spinAverage : sleepAverage;
        if (sample == SAMPLE_CAP_NANOS) {
            // so long a wait was the peer's pause, not the mode's doing: it counts for both, which
            // keeps one pause from tipping the comparison yet makes an idle peer's waits long both ways
            spinAverage += (sample - spinAverage) >> SHIFT;
            sleepAverage += (sample - sleepAverage) >> SHIFT;
        } else if (spun) {
            spinAverage += (sample - spinAverage) >> shift;
        } else {
            sleepAverage += (sample - sleepAverage) >> shift;
        }
        boolean changed = prefersSpin() != before;
        if (exploring) {
            exploring = false;
            sinceExplore = 0;
            // a try that moved its mode's average well down is closing in on a change: try again soon
            long tried = spun ? spinAverage : sleepAverage;
            boolean closing = tried < triedBefore - (triedBefore >> 2);
            explore = changed || closing ? MIN_EXPLORE : Math.min(2 * explore, MAX_EXPLORE);
        } else if (changed) {
            // the chosen mode's own waits turned against it (a pause of the peer, the machine got
            // busy): things changed, so the other mode is worth trying again soon
            explore = MIN_EXPLORE;
            sinceExplore = 0;
        }
    }

    /** @return the interval, in waits, until the next try of the other mode (tests) */
    int exploreInterval() {
        return explore;
    }
}
