package io.multiprocessing4j.tck.broken;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.tck.Check;
import io.multiprocessing4j.tck.MultiprocessingTck;
import java.time.Duration;
import java.util.Set;

/**
 * The suite applied to the threads backend with one {@link Breakage}, restricted to the checks
 * about the broken part. Not named {@code *Test}: only {@link BrokenBackendsTest} runs these, and
 * expects failures.
 */
abstract class BrokenSuite extends MultiprocessingTck {
    /** The checks each broken backend is held to. */
    static final Set<String> QUEUE_CHECKS = Set.of("Q-01", "Q-21", "Q-22", "E000-06", "E002-09");
    static final Set<String> LOCK_CHECKS = Set.of("L-02", "L-06", "L-11", "E000-10", "E002-15");
    static final Set<String> EXIT_CHECKS = Set.of("P-08", "P-09", "P-10", "P-11", "P-15", "E002-02", "E002-03");
    static final Set<String> POOL_CHECKS = Set.of("PL-02", "E002-07", "E004-06", "E004-09");

    abstract Breakage breakage();

    abstract Set<String> checks();

    @Override
    protected String backendName() {
        return "threads+" + breakage().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected String unavailability() {
        return null;
    }

    @Override
    protected Context openContext() {
        return breakage().wrap(Multiprocessing.context("threads"));
    }

    @Override
    protected Duration checkTimeout() {
        return Duration.ofSeconds(3); // a lost item makes a check wait: fail it soon
    }

    @Override
    protected boolean includes(Check check) {
        return checks().contains(check.id());
    }

    /** Every check the broken suites use, on an unbroken (proxied) context: must all pass. */
    static final class Control extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.NONE;
        }

        @Override
        Set<String> checks() {
            Set<String> all = new java.util.HashSet<>(QUEUE_CHECKS);
            all.addAll(LOCK_CHECKS);
            all.addAll(EXIT_CHECKS);
            all.addAll(POOL_CHECKS);
            return all;
        }
    }

    /** A queue that drops items. */
    static final class DroppingQueue extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.DROPPING_QUEUE;
        }

        @Override
        Set<String> checks() {
            return QUEUE_CHECKS;
        }
    }

    /** A queue that duplicates items. */
    static final class DuplicatingQueue extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.DUPLICATING_QUEUE;
        }

        @Override
        Set<String> checks() {
            return QUEUE_CHECKS;
        }
    }

    /** A lock that does not exclude. */
    static final class NonExcludingLock extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.NON_EXCLUDING_LOCK;
        }

        @Override
        Set<String> checks() {
            return LOCK_CHECKS;
        }
    }

    /** Exit codes always 0. */
    static final class ZeroExitCode extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.ZERO_EXIT_CODE;
        }

        @Override
        Set<String> checks() {
            return EXIT_CHECKS;
        }
    }

    /** A pool that loses a result. */
    static final class LosingPool extends BrokenSuite {
        @Override
        Breakage breakage() {
            return Breakage.LOSING_POOL;
        }

        @Override
        Set<String> checks() {
            return POOL_CHECKS;
        }
    }
}
