package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.spi.ProcessRuntime;

/** The parent's handle on one started child: {@link ChildJvm} behind the SPI's interface. */
final class ChildRuntime implements ProcessRuntime {
    private final ChildJvm jvm;

    ChildRuntime(ChildJvm jvm) {
        this.jvm = jvm;
    }

    @Override
    public long pid() {
        return jvm.pid();
    }

    @Override
    public boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public Integer exitCode() {
        return jvm.exitCode();
    }

    @Override
    public boolean join(long timeoutNanos) {
        try {
            return jvm.join(timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while joining process " + jvm.pid(), e);
        }
    }

    @Override
    public void terminate() {
        jvm.terminate();
    }

    @Override
    public void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.closeControl();
    }
}
