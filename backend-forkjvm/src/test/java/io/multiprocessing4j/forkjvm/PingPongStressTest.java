package io.multiprocessing4j.forkjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.SharedValue;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ping-pong between two JVMs, as the {@code sync_pingpong} benchmark (CPython's
 * {@code _event_echo}): many round trips in commands of {@value #PER_COMMAND}, parent and child on
 * two different CPUs where {@code taskset} exists (the placement that lost a wake-up), each
 * command answered by the child, so a side that ran ahead of the other (a spurious wake-up) or a
 * lost wake-up fails the test with the round it happened in instead of hanging.
 */
class PingPongStressTest {
    private static final int ROUND_TRIPS = 20_000;
    /** Fewer for the condition: each round trip hands its lock over twice, which costs parks. */
    private static final int CONDITION_ROUND_TRIPS = 4_000;
    private static final int PER_COMMAND = 1_000;
    /** The longest one side waits for the other in one round trip. */
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final Duration WHOLE = Duration.ofSeconds(120);
    private static Context mp;

    @BeforeAll
    static void open() {
        mp = Multiprocessing.context("forkjvm");
    }

    @AfterAll
    static void close() {
        mp.close();
    }

    /** One side's half of a round trip: false if the partner's signal did not come within {@link #STALL}. */
    @FunctionalInterface
    interface Half extends Serializable {
        boolean run();
    }

    @Test
    void eventPingPongNeverLosesOrInventsAWakeUp() {
        SharedEvent e1 = mp.event();
        SharedEvent e2 = mp.event();
        pingPong("event", ROUND_TRIPS, () -> {
            e1.set();
            if (!e2.await(STALL)) {
                return false;
            }
            e2.clear();
            return true;
        }, () -> {
            if (!e1.await(STALL)) {
                return false;
            }
            e1.clear();
            e2.set();
            return true;
        });
        assertFalse(e1.isSet(), "e1 left set");
        assertFalse(e2.isSet(), "e2 left set");
    }

    @Test
    void semaphorePingPongNeverLosesOrInventsAWakeUp() {
        SharedSemaphore s1 = mp.semaphore(0);
        SharedSemaphore s2 = mp.semaphore(0);
        pingPong("semaphore", ROUND_TRIPS, () -> {
            s1.release();
            return s2.acquire(STALL);
        }, () -> {
            if (!s1.acquire(STALL)) {
                return false;
            }
            s2.release();
            return true;
        });
        assertEquals(0, s1.value());
        assertEquals(0, s2.value());
    }

    @Test
    void conditionPingPongNeverLosesOrInventsAWakeUp() {
        SharedCondition cond = mp.condition();
        SharedValue turn = mp.rawValue('i', 0);
        pingPong("condition", CONDITION_ROUND_TRIPS, () -> {
            try (var held = cond.lock().held()) {
                turn.setInt(1);
                cond.signal();
                return awaitTurn(cond, turn, 0);
            }
        }, () -> {
            try (var held = cond.lock().held()) {
                if (!awaitTurn(cond, turn, 1)) {
                    return false;
                }
                turn.setInt(0);
                cond.signal();
                return true;
            }
        });
        assertEquals(0, turn.getInt());
    }

    /**
     * Waits (holding the condition's lock) until {@code turn} is {@code mine}; unlike
     * {@code waitFor}, which re-checks the predicate at its deadline, a signal that never woke us
     * counts as a stall.
     */
    private static boolean awaitTurn(SharedCondition cond, SharedValue turn, int mine) {
        while (turn.getInt() != mine) {
            if (!cond.await(STALL)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code roundTrips} round trips (a multiple of {@value #PER_COMMAND}): the child serves
     * commands of {@value #PER_COMMAND} and answers each with how many it ran, so that neither side
     * can get ahead unnoticed.
     */
    private static void pingPong(String what, int roundTrips, Half parent, Half child) {
        List<Integer> cpus = allowedCpus();
        boolean pin = cpus.size() >= 2 && tasksetWorks();
        int childCpu = pin ? cpus.get(1) : -1;
        Pipe pipe = mp.pipe();
        Connection ctl = pipe.left();
        Connection childEnd = pipe.right();
        ChildProcess p = mp.process(() -> serve(childEnd, childCpu, child)).daemon(true).start();
        try {
            if (pin) {
                taskset("-a", "-p", "-c", Integer.toString(cpus.get(0)), Long.toString(ProcessHandle.current().pid()));
            }
            assertTimeoutPreemptively(WHOLE, () -> {
                assertEquals("ready", ctl.recv(Duration.ofSeconds(60)));
                for (int done = 0; done < roundTrips; done += PER_COMMAND) {
                    ctl.send(PER_COMMAND);
                    for (int i = 0; i < PER_COMMAND; i++) {
                        if (!parent.run()) {
                            fail(what + " ping-pong" + (pin ? " across CPUs" : "") + ": the parent waited "
                                    + STALL.toSeconds() + " s in round trip " + i + " of " + PER_COMMAND
                                    + " (after " + done + " before); the child then said: " + lastWords(ctl));
                        }
                    }
                    if (!ctl.poll(STALL)) {
                        fail(what + " ping-pong" + (pin ? " across CPUs" : "") + ": the parent finished round trip "
                                + (done + PER_COMMAND) + " but the child did not (the parent ran ahead: a spurious wake-up)");
                    }
                    Object reply = ctl.recv();
                    assertEquals(PER_COMMAND, reply, what + ": the child's answer after round trip " + (done + PER_COMMAND));
                }
                ctl.send(null);
                assertTrue(p.join(Duration.ofSeconds(30)), "the child did not stop");
                assertEquals(0, p.exitCode(), "the child failed");
            });
        } finally {
            if (pin) {
                taskset("-a", "-p", "-c", String.join(",", cpus.stream().map(String::valueOf).toList()),
                        Long.toString(ProcessHandle.current().pid()));
            }
            if (p.isAlive()) {
                p.terminate();
                p.join(Duration.ofSeconds(30));
            }
            ctl.close();
        }
    }

    private static void serve(Connection ctl, int cpu, Half child) {
        if (cpu >= 0) {
            taskset("-a", "-p", "-c", Integer.toString(cpu), Long.toString(ProcessHandle.current().pid()));
        }
        ctl.send("ready");
        for (Integer n; (n = ctl.recv()) != null; ) {
            for (int i = 0; i < n; i++) {
                if (!child.run()) {
                    ctl.send("stalled in round trip " + i + " of " + n);
                    return;
                }
            }
            ctl.send(n);
        }
    }

    /** What the child sent after a stall of the parent: a child that ran ahead has already answered. */
    private static String lastWords(Connection ctl) {
        try {
            return ctl.poll(Duration.ZERO) ? String.valueOf((Object) ctl.recv()) + " (it ran ahead: a spurious wake-up)"
                    : "nothing (a lost wake-up)";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static List<Integer> allowedCpus() {
        List<Integer> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String part : line.substring(line.indexOf(':') + 1).strip().split(",")) {
                        int dash = part.indexOf('-');
                        int lo = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                        int hi = Integer.parseInt(dash < 0 ? part : part.substring(dash + 1));
                        for (int c = lo; c <= hi; c++) {
                            out.add(c);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static boolean tasksetWorks() {
        try {
            taskset("-p", Long.toString(ProcessHandle.current().pid()));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * {@code taskset -a} sets each thread of the JVM in turn and fails if one of them exits
     * meanwhile (the JVM starts and ends threads of its own at any time): a few tries absorb that.
     */
    private static void taskset(String... args) {
        for (int attempt = 1; ; attempt++) {
            try {
                tasksetOnce(args);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void tasksetOnce(String... args) {
        List<String> cmd = new ArrayList<>(List.of("taskset"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}
