package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.spi.channel.FramedChannel;
import java.util.concurrent.TimeUnit;

/**
 * A started child JVM: the process, its output pumps, and (once it connected back) its
 * authenticated control channel. Knows which signal we sent it, to report {@code -N}.
 */
final class ChildJvm {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private final Process process;
    private final Thread outPump;
    private final Thread errPump;
    private volatile FramedChannel control;
    private volatile int signalSent;

    ChildJvm(Process process, Thread outPump, Thread errPump) {
        this.process = process;
        this.outPump = outPump;
        this.errPump = errPump;
        // the control socket (and its selectors) must not outlive the child, however it ends
        process.onExit().thenRun(this::closeControl);
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    FramedChannel control() {
        return control;
    }

    void control(FramedChannel channel) {
        this.control = channel;
        if (!process.isAlive()) {
            channel.close();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The exit code in Python's convention. {@link Process} reports death by signal N as 128+N;
     * we turn that into {@code -N} when we sent N, and for 137 (SIGKILL) always, since a JVM
     * cannot catch SIGKILL and so never exits 137 by itself unless asked to; a 143 we did not cause
     * stays 143 (a JVM that receives SIGTERM from elsewhere runs its hooks and exits 143, which
     * {@code System.exit(143)} also gives).
     */
    Integer exitCode() {
        if (process.isAlive()) {
            return null;
        }
        int raw = process.exitValue();
        int sent = signalSent;
        if (raw == 128 + SIGKILL) {
            return -SIGKILL;
        }
        if (sent != 0 && raw == 128 + sent) {
            return -sent;
        }
        return raw;
    }

    /** Waits for the exit and for the output to be passed on. */
    boolean join(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        if (timeoutNanos == Long.MAX_VALUE) {
            process.waitFor();
        } else if (!process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        for (Thread pump : new Thread[] {outPump, errPump}) {
            long left = deadline - System.nanoTime();
            if (timeoutNanos == Long.MAX_VALUE) {
                pump.join();
            } else if (left > 0) {
                pump.join(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** @return whether we sent it a signal */
    boolean signalled() {
        return signalSent != 0;
    }

    void terminate() {
        if (process.isAlive()) {
            signalSent = SIGTERM;
            process.destroy();
        }
    }

    void kill() {
        if (process.isAlive()) {
            signalSent = SIGKILL;
            process.destroyForcibly();
        }
    }

    void closeControl() {
        FramedChannel c = control;
        if (c != null) {
            c.close();
        }
    }
}
