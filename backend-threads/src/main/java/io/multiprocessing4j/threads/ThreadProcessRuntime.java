package io.multiprocessing4j.threads;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.spi.ExitRequest;
import io.multiprocessing4j.spi.ProcessRuntime;
import io.multiprocessing4j.spi.ProcessScope;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A "process" of the threads backend: a platform thread named after the process, running
 * {@link ChildProcess#run()} under a {@link ProcessScope} of its own, so that
 * {@code Multiprocessing.currentProcess()} and {@code exit(n)} answer per thread.
 */
final class ThreadProcessRuntime implements ProcessRuntime {
    /** The exit code of a thread that ended after {@link #terminate()}, as if by SIGTERM. */
    static final int TERMINATED = -15;

    private final ChildProcess process;
    private final Context context;
    private final ProcessScope scope;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object state = new Object();
    private boolean finished;
    private boolean terminated;
    private volatile Integer exitCode;

    private ThreadProcessRuntime(ChildProcess process, Context context) {
        this.process = process;
        this.context = context;
        ProcessInfo self = new ProcessInfo(process.name(), ProcessHandle.current().pid(), process.daemon());
        this.scope = ProcessScope.forChild(self, ProcessScope.current().self(), () -> context, (code, message) -> {
            throw new ExitRequest(code, message);
        });
        this.thread = Thread.ofPlatform().name(process.name()).daemon(process.daemon()).unstarted(this::runProcess);
    }

    /**
     * Starts {@code process} on a new thread.
     *
     * @param process the process
     * @param context the context its own {@code new ChildProcess()} calls use
     * @return its runtime
     */
    static ThreadProcessRuntime start(ChildProcess process, Context context) {
        ThreadProcessRuntime r = new ThreadProcessRuntime(process, context);
        // Before the parent goes on (and perhaps closes its own hold), the child holds the ends it
        // was given, as a spawned child holds the descriptors passed to it.
        Holders.track(r.scope);
        for (ThreadsConnection end : Holders.reachableFrom(process)) {
            end.hold(r.scope);
        }
        try {
            r.thread.start();
        } catch (RuntimeException | Error e) {
            Holders.ended(r.scope); // no thread, so no process to hold anything
            throw e;
        }
        return r;
    }

    private void runProcess() {
        ProcessScope.bindToCurrentThread(scope);
        int code;
        try {
            process.run();
            code = 0;
        } catch (ExitRequest e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            code = e.code();
        } catch (Throwable t) {
            code = 1;
            if (!terminatedNow()) {
                // As the JVM's default handler reports an uncaught exception.
                System.err.print("Exception in thread \"" + Thread.currentThread().getName() + "\" ");
                t.printStackTrace(System.err);
            }
        } finally {
            ProcessScope.unbindCurrentThread();
            Holders.ended(scope);
        }
        synchronized (state) {
            finished = true;
            // A thread that ends once terminate() was called ended from it, whichever way it ended.
            exitCode = terminated ? TERMINATED : code;
        }
        System.err.flush();
        System.out.flush();
        done.countDown();
    }

    private boolean terminatedNow() {
        synchronized (state) {
            return terminated;
        }
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return exitCode == null;
    }

    @Override
    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public boolean join(long timeoutNanos) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("process '" + process.name() + "' cannot join itself");
        }
        try {
            if (timeoutNanos == Long.MAX_VALUE) {
                done.await();
                return true;
            }
            return done.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.interrupted("join of process '" + process.name() + "'", e);
        }
    }

    @Override
    public void terminate() {
        synchronized (state) {
            if (finished) {
                return;
            }
            terminated = true;
        }
        thread.interrupt();
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("kill() is not supported by the threads backend: a thread cannot be"
                + " ended by force (use terminate(), which interrupts it)");
    }

    @Override
    public void close() {
        // Nothing is kept for a finished thread.
    }
}
