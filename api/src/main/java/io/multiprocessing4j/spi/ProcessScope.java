package io.multiprocessing4j.spi;

import io.multiprocessing4j.Context;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.ProcessInfo;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Who "the current process" is, for {@link Multiprocessing#currentProcess()},
 * {@link Multiprocessing#exit(int)} and default process names. A process backend's child bootstrap
 * installs one for the whole JVM ({@link #installForJvm}); the threads backend binds one to each
 * of its process threads ({@link #bindToCurrentThread}), inherited by threads those start. Without
 * either, the JVM is Python's {@code MainProcess}.
 */
public final class ProcessScope {
    /** How a process ends itself; it must not return. */
    @FunctionalInterface
    public interface ExitHandler {
        /**
         * Ends the current process.
         *
         * @param code the exit code, already reduced to 8 bits
         * @param message printed to standard error first, or null
         */
        void exit(int code, String message);
    }

    private static final Pattern DEFAULT_NAME = Pattern.compile("Process-([0-9]+(?::[0-9]+)*)");
    private static final InheritableThreadLocal<ProcessScope> THREAD = new InheritableThreadLocal<>();
    private static volatile ProcessScope jvm;

    private final ProcessInfo self;
    private final ProcessInfo parent;
    private final Supplier<Context> context;
    private final ExitHandler exitHandler;
    private final String identity;
    private final AtomicInteger children = new AtomicInteger();

    private ProcessScope(ProcessInfo self, ProcessInfo parent, Supplier<Context> context, ExitHandler exitHandler,
            String identity) {
        this.self = Objects.requireNonNull(self, "self");
        this.parent = parent;
        this.context = Objects.requireNonNull(context, "context");
        this.exitHandler = Objects.requireNonNull(exitHandler, "exitHandler");
        this.identity = identity;
    }

    /** @return the scope of the calling thread: its thread binding, else the JVM's */
    public static ProcessScope current() {
        ProcessScope bound = THREAD.get();
        return bound != null ? bound : jvm();
    }

    /**
     * Makes the scope of a new process.
     *
     * @param self the new process
     * @param parent its parent
     * @param context the context its {@code new ChildProcess()} calls use (opened lazily)
     * @param exitHandler how it ends itself
     * @return the scope
     * @throws NullPointerException if an argument is null
     */
    public static ProcessScope forChild(ProcessInfo self, ProcessInfo parent, Supplier<Context> context,
            ExitHandler exitHandler) {
        Objects.requireNonNull(parent, "parent");
        var m = DEFAULT_NAME.matcher(self.name());
        String identity = m.matches() ? m.group(1) : Long.toString(self.pid()) + ":" + System.identityHashCode(self);
        return new ProcessScope(self, parent, memoize(context), exitHandler, identity);
    }

    /**
     * Installs the scope of this whole JVM (a process backend's child bootstrap does this once).
     *
     * @param scope the child's scope
     */
    public static void installForJvm(ProcessScope scope) {
        jvm = Objects.requireNonNull(scope, "scope");
    }

    /**
     * Binds a scope to the calling thread and the threads it creates, until {@link #unbindCurrentThread()}.
     *
     * @param scope the scope
     */
    public static void bindToCurrentThread(ProcessScope scope) {
        THREAD.set(Objects.requireNonNull(scope, "scope"));
    }

    /** Removes the calling thread's binding. */
    public static void unbindCurrentThread() {
        THREAD.remove();
    }

    /** @return this process */
    public ProcessInfo self() {
        return self;
    }

    /** @return its parent; empty for the main process */
    public Optional<ProcessInfo> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return the context {@code new ChildProcess()} uses in this process */
    public Context context() {
        return context.get();
    }

    /**
     * Ends this process.
     *
     * @param code the exit code, already reduced to 8 bits
     * @param message printed to standard error first, or null
     */
    public void exit(int code, String message) {
        exitHandler.exit(code, message);
        throw new IllegalStateException("exit handler returned");
    }

    /** @return Python's default name for the next child: {@code Process-N}, or {@code Process-1:N} below a child */
    public String nextChildName() {
        int n = children.incrementAndGet();
        return "Process-" + (identity.isEmpty() ? n : identity + ":" + n);
    }

    private static ProcessScope jvm() {
        ProcessScope s = jvm;
        if (s == null) {
            synchronized (ProcessScope.class) {
                s = jvm;
                if (s == null) {
                    s = root();
                    jvm = s;
                }
            }
        }
        return s;
    }

    private static ProcessScope root() {
        Supplier<Context> lazy = memoize(() -> {
            Context c = Multiprocessing.context();
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "mp4j-default-context-close"));
            return c;
        });
        return new ProcessScope(new ProcessInfo("MainProcess", ProcessHandle.current().pid(), false), null, lazy,
                ProcessScope::exitJvm, "");
    }

    /**
     * Ends the JVM the way a process backend's child (or the main process) does: prints the
     * message, flushes the standard streams, and calls {@link System#exit(int)}.
     *
     * @param code the exit code
     * @param message printed to standard error first, or null
     */
    public static void exitJvm(int code, String message) {
        if (message != null) {
            System.err.println(message);
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(supplier.get(), "context supplier returned null");
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
