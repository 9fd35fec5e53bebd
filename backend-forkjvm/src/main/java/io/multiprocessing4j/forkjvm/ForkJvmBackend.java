package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.BackendUnavailableException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.spi.Availability;
import io.multiprocessing4j.spi.Backend;
import io.multiprocessing4j.spi.launch.ChildContextFactory;
import io.multiprocessing4j.spi.launch.JvmCommand;
import java.io.IOException;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code forkjvm} backend: child JVMs started with {@link ProcessBuilder}, IPC in pure Java
 * (Unix-domain sockets, memory-mapped files under {@code /dev/shm}, {@code VarHandle} atomics).
 * Available wherever this JVM's {@code java} launcher exists and Unix-domain sockets work.
 * It is also the {@link ChildContextFactory} its child JVMs use.
 *
 * <ul>
 *   <li><b>Processes.</b> A child runs {@link io.multiprocessing4j.spi.launch.ChildBootstrap}; it gets
 *       the context key on its standard input, connects back, and receives its process (serialized
 *       in the parent at {@code start()}). Its output is pumped into the parent's current
 *       {@code System.out}/{@code System.err}; {@code join()} waits for the pumps. Signals: see
 *       {@code ChildJvm#exitCode()}. A root context keeps spare JVMs ready
 *       ({@code ContextOptions.spareProcesses}, default 1, started at the first {@code start()}, or
 *       at open when set explicitly) and builds a JDK AOT cache (the SPI's {@code AotCache},
 *       shared with posix).</li>
 *   <li><b>Lifetime.</b> Non-daemon children keep the parent JVM alive (a non-daemon watcher thread
 *       each); a context closes at JVM exit (a shutdown hook), terminating what still runs. A child
 *       whose parent dies notices within 100 ms: a daemon exits (pool workers and manager servers
 *       are daemons), a non-daemon goes on, as in Python. Files of a context killed with its JVM
 *       are deleted by the next context opened by this user.</li>
 *   <li><b>Shared memory and locks</b> are the {@code io.multiprocessing4j.spi.shm} algorithms on
 *       owner-only mapped files ({@code MappedRegion}); locks are robust ({@code ROBUST_LOCKS}).</li>
 *   <li><b>Pipes</b> go through a relay in the creating process ({@code PipeBroker}), since Java cannot
 *       pass a socket to another process; its class comment lists where that differs from Python.</li>
 * </ul>
 */
public final class ForkJvmBackend implements Backend, ChildContextFactory {
    /** The backend's name. */
    static final String NAME = "forkjvm";
    private static volatile Availability availability;

    /** Creates the provider (does no work; see {@link #availability()}). */
    public ForkJvmBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = check();
            availability = a;
        }
        return a;
    }

    private static Availability check() {
        String java = JvmCommand.javaExecutable();
        if (!Files.isExecutable(Path.of(java))) {
            return Availability.unavailable("no executable java launcher for this JVM at " + java);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Objects.requireNonNull(ch);
        } catch (IOException | UnsupportedOperationException e) {
            return Availability.unavailable("Unix-domain sockets do not work here: " + e, e);
        }
        return Availability.ofAvailable();
    }

    /** @return everything a forkjvm context with spare processes can do */
    @Override
    public Set<Capability> capabilities() {
        return ForkJvmContext.capabilities(ForkJvmContext.DEFAULT_SPARES);
    }

    /**
     * Opens a root context.
     *
     * @throws BackendUnavailableException if the backend cannot run here
     */
    @Override
    public Context open(ContextOptions options) {
        Objects.requireNonNull(options, "options");
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("the forkjvm backend is unavailable: " + a.reason());
        }
        return ForkJvmContext.openRoot(options);
    }

    /**
     * Opens a child JVM's context from its parent's state.
     *
     * @param state a forkjvm parent's state
     * @return the child's context
     * @throws IllegalArgumentException if {@code state} is not a forkjvm parent's
     */
    @Override
    public Context openChild(Serializable state) {
        if (!(state instanceof ChildState s)) {
            throw new IllegalArgumentException("not a forkjvm context state: " + state);
        }
        return ForkJvmContext.openChild(s);
    }
}
