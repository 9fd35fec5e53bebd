package io.multiprocessing4j;

import io.multiprocessing4j.spi.ProcessLauncher;
import io.multiprocessing4j.spi.ProcessRuntime;
import io.multiprocessing4j.spi.ProcessScope;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A process: Python's {@code multiprocessing.Process}. Make one with {@code mp.process(target)},
 * or subclass it and override {@link #run()}:
 *
 * <pre>{@code
 * class Clock extends ChildProcess {
 *     final int interval;                       // non-transient fields travel to the child
 *     Clock(Context mp, int interval) { super(mp); this.interval = interval; }
 *     @Override public void run() throws Exception { ... }
 * }
 * new Clock(mp, 3).start().join();
 * }</pre>
 *
 * <p>On the process backends the object (or its target) is serialized at {@link #start()}, so a
 * target or field that cannot be serialized fails there, in the caller, naming its class; the
 * child runs a copy. The methods below are the parent's view of the child. A process that has not
 * been started, or that was {@linkplain #close() closed}, refuses calls that need it with
 * {@link IllegalStateException}.
 */
public class ChildProcess implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private volatile String name;
    private volatile boolean daemon;
    private final SerializableRunnable target;
    private final transient Context context;
    private transient volatile ProcessRuntime runtime;
    private transient volatile boolean closed;

    /** Creates a subclass instance on the current process's default context. */
    protected ChildProcess() {
        this(ProcessScope.current().context());
    }

    /**
     * Creates a subclass instance on a context.
     *
     * @param context the context whose backend runs it
     * @throws NullPointerException if {@code context} is null
     */
    protected ChildProcess(Context context) {
        this(context, null);
    }

    /**
     * Creates a process running {@code target}; {@code mp.process(target)} is the usual way.
     *
     * @param context the context whose backend runs it
     * @param target what the process runs, or null when a subclass overrides {@link #run()}
     * @throws NullPointerException if {@code context} is null
     */
    public ChildProcess(Context context, SerializableRunnable target) {
        this.context = Objects.requireNonNull(context, "context");
        this.target = target;
        this.name = ProcessScope.current().nextChildName();
        this.daemon = ProcessScope.current().self().daemon();
    }

    /**
     * What the process does; by default it runs the target given at construction. Subclasses
     * override it, as Python's {@code run()}.
     *
     * @throws Exception anything; it ends the process with exit code 1 and the stack trace on
     *     its standard error
     */
    public void run() throws Exception {
        if (target != null) {
            target.run();
        }
    }

    /**
     * Starts the process.
     *
     * @return this process
     * @throws IllegalStateException if it was started before, is closed, or the calling process
     *     is a daemon (daemons may not have children)
     * @throws SerializationException if the target or this object cannot be serialized, naming
     *     the class
     */
    public ChildProcess start() {
        synchronized (this) {
            checkOpen();
            if (runtime != null) {
                throw new IllegalStateException("process '" + name + "' was already started (a process can be started once)");
            }
            if (ProcessScope.current().self().daemon()) {
                throw new IllegalStateException("daemonic processes are not allowed to have children (starting '"
                        + name + "' from daemon '" + ProcessScope.current().self().name() + "')");
            }
            if (!(context instanceof ProcessLauncher launcher)) {
                throw new IllegalStateException("context " + context + " cannot start processes");
            }
            runtime = launcher.launch(this);
        }
        return this;
    }

    /**
     * Waits for the process to end.
     *
     * @throws IllegalStateException if it was not started, or is closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public void join() {
        started("join").join(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeout} for the process to end; returns quietly on timeout, as
     * Python's {@code join(timeout)}.
     *
     * @param timeout the longest wait
     * @return whether the process has ended
     * @throws IllegalStateException if it was not started, or is closed
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) {
        long nanos = io.multiprocessing4j.spi.Checks.timeoutNanos(timeout);
        return started("join").join(nanos);
    }

    /** @return whether it was started and has not ended yet @throws IllegalStateException if closed */
    public boolean isAlive() {
        checkOpen();
        ProcessRuntime r = runtime;
        return r != null && r.isAlive();
    }

    /**
     * @return the process's pid (on the threads backend, the JVM's)
     * @throws IllegalStateException if it was not started, or is closed
     */
    public long pid() {
        return started("pid").pid();
    }

    /**
     * @return 0 after a normal end, 1 after an uncaught exception, n after {@code exit(n)},
     *     {@code -N} after signal N; {@code null} while it runs or before it started
     * @throws IllegalStateException if closed
     */
    public Integer exitCode() {
        checkOpen();
        ProcessRuntime r = runtime;
        return r == null ? null : r.exitCode();
    }

    /** @return its name */
    public String name() {
        return name;
    }

    /**
     * Renames it (allowed before and after start, as in Python; a running child keeps the name
     * it started with).
     *
     * @param name the new name
     * @return this process
     * @throws NullPointerException if {@code name} is null
     */
    public ChildProcess name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** @return whether it is a daemon */
    public boolean daemon() {
        return daemon;
    }

    /**
     * Marks it as a daemon (terminated when its parent exits; may not have children), before it
     * starts.
     *
     * @param daemon whether it is a daemon
     * @return this process
     * @throws IllegalStateException if it has started already
     */
    public ChildProcess daemon(boolean daemon) {
        if (runtime != null) {
            throw new IllegalStateException("process '" + name + "' has already started: daemon can only be set before start()");
        }
        this.daemon = daemon;
        return this;
    }

    /**
     * Asks it to end: SIGTERM on the process backends (exit code {@code -15}); an interrupt on
     * the threads backend (exit code {@code -15} if it ends from it). Does nothing if it has ended.
     *
     * @throws IllegalStateException if it was not started, or is closed
     */
    public void terminate() {
        started("terminate").terminate();
    }

    /**
     * Ends it at once: SIGKILL (exit code {@code -9}).
     *
     * @throws IllegalStateException if it was not started, or is closed
     * @throws UnsupportedOperationException on backends without {@link Capability#FORCED_TERMINATION}
     */
    public void kill() {
        ProcessRuntime r = started("kill");
        if (!context.capabilities().contains(Capability.FORCED_TERMINATION)) {
            throw new UnsupportedOperationException("kill() is not supported by the " + context.backendName()
                    + " backend: it cannot end a process by force (use terminate())");
        }
        r.kill();
    }

    /**
     * Releases what the parent keeps for the process. Later calls other than {@link #name()},
     * {@link #daemon()} and {@code close()} throw {@link IllegalStateException}. Idempotent.
     *
     * @throws IllegalStateException if it is still running
     */
    public void close() {
        ProcessRuntime r = runtime;
        if (r != null && r.isAlive()) {
            throw new IllegalStateException("cannot close process '" + name + "' while it is still running");
        }
        if (!closed) {
            closed = true;
            if (r != null) {
                r.close();
            }
        }
    }

    /**
     * @return its name, pid and daemon flag
     * @throws IllegalStateException if it was not started, or is closed
     */
    public ProcessInfo info() {
        return new ProcessInfo(name, pid(), daemon);
    }

    /** @return the context it belongs to (null in the child, where it was deserialized) */
    public Context context() {
        return context;
    }

    @Override
    public String toString() {
        ProcessRuntime r = runtime;
        String state;
        if (closed) {
            state = "closed";
        } else if (r == null) {
            state = "initial";
        } else if (r.isAlive()) {
            state = "started pid=" + r.pid();
        } else {
            state = "stopped exitcode=" + r.exitCode();
        }
        return "<" + getClass().getSimpleName() + " name='" + name + "' " + state + (daemon ? " daemon>" : ">");
    }

    private ProcessRuntime started(String operation) {
        checkOpen();
        ProcessRuntime r = runtime;
        if (r == null) {
            throw new IllegalStateException("cannot " + operation + " process '" + name + "': it was not started");
        }
        return r;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("process '" + name + "' is closed");
        }
    }
}
