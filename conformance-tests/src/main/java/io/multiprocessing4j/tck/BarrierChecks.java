package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BarrierBrokenException;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Barriers. */
final class BarrierChecks {
    private BarrierChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("barriers");
        c.deliberate("S-17", "Barrier(0) and Barrier(-1)", "Barrier(0) is accepted (and useless)", "IllegalArgumentException", env -> {
            assertThrows(IllegalArgumentException.class, () -> env.mp().barrier(0));
            assertThrows(IllegalArgumentException.class, () -> env.mp().barrier(-1));
            return null;
        });
        c.add("S-18", "wait() indexes", "each party gets a distinct index 0..n-1", "the same, across 3 processes", env -> {
            SharedBarrier b = env.mp().barrier(3);
            SharedQueue<Integer> q = env.mp().queue();
            List<ChildProcess> ps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ps.add(env.mp().process(() -> q.put(b.await(T))).start());
            }
            int mine = b.await(T);
            TreeSet<Integer> all = new TreeSet<>(List.of(mine, q.get(T), q.get(T)));
            ps.forEach(ChildProcess::join);
            assertEquals(new TreeSet<>(List.of(0, 1, 2)), all);
            assertEquals(3, b.parties());
            return null;
        });
        c.add("S-19", "wait(timeout) expires", "BrokenBarrierError, and the barrier is broken", "BarrierBrokenException; isBroken()", env -> {
            SharedBarrier b = env.mp().barrier(2);
            assertThrows(BarrierBrokenException.class, () -> b.await(SHORT));
            assertTrue(b.isBroken());
            return null;
        });
        c.add("S-20", "a broken barrier fails every waiter", "BrokenBarrierError for the others too", "the same", env -> {
            SharedBarrier b = env.mp().barrier(3);
            SharedQueue<String> q = env.mp().queue();
            ChildProcess p = env.mp().process(() -> q.put(ContractChecks.thrown(() -> b.await(T)))).start();
            long deadline = System.nanoTime() + T.toNanos();
            while (b.waiting() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // waiting() is the only signal that the child is inside
            }
            assertThrows(BarrierBrokenException.class, () -> b.await(SHORT));
            assertEquals("BarrierBrokenException", q.get(T));
            p.join();
            return null;
        });
        c.add("S-21", "abort()", "waiters get BrokenBarrierError; broken", "the same", env -> {
            SharedBarrier b = env.mp().barrier(2);
            b.abort();
            assertTrue(b.isBroken());
            assertThrows(BarrierBrokenException.class, () -> b.await(T));
            return null;
        });
        c.add("S-22", "reset() after breaking", "usable again", "the same", env -> {
            SharedBarrier b = env.mp().barrier(2);
            b.abort();
            b.reset();
            assertFalse(b.isBroken());
            ChildProcess p = env.mp().process(() -> b.await(T)).start();
            b.await(T);
            p.join();
            assertEquals(0, p.exitCode());
            return null;
        });
        c.add("S-23", "the action runs once per generation", "action() called by one party", "the same", env -> {
            SharedValue runs = env.mp().value('i', 0);
            SharedBarrier b = env.mp().barrier(2, () -> runs.addAndGet(1), null);
            ChildProcess p = env.mp().process(() -> b.await(T)).start();
            b.await(T);
            p.join();
            assertEquals(1, runs.getInt());
            return null;
        });
        c.add("S-24", "the barrier's default timeout", "Barrier(n, timeout=t): wait() breaks after t", "the same", env -> {
            SharedBarrier b = env.mp().barrier(2, null, Duration.ofMillis(50));
            assertThrows(BarrierBrokenException.class, b::await);
            return null;
        });
        c.add("S-25", "n_waiting", "0 when idle", "waiting() 0; a negative default timeout refused", env -> {
            assertEquals(0, env.mp().barrier(2).waiting());
            assertThrows(IllegalArgumentException.class, () -> env.mp().barrier(2, null, Duration.ofMillis(-1)));
            return null;
        });
        return c.checks();
    }
}
