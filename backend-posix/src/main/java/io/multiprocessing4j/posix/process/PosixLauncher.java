package io.multiprocessing4j.posix.process;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.posix.channel.FdChannel;
import io.multiprocessing4j.posix.channel.FdTransfer;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Spawn;
import io.multiprocessing4j.spi.ProcessScope;
import io.multiprocessing4j.spi.launch.AotCache;
import io.multiprocessing4j.spi.launch.ChildBootstrap;
import io.multiprocessing4j.spi.launch.JvmCommand;
import io.multiprocessing4j.spi.launch.LaunchRequest;
import io.multiprocessing4j.spi.serialization.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM with {@code posix_spawn}, running the SPI's {@link ChildBootstrap} (shared
 * with the forkjvm backend) with {@link ChildBootstrap#INHERITED_CONTROL}. The child gets exactly:
 *
 * <pre>
 *   fd 0     one end of a socketpair: the control channel (its LaunchRequest arrives there; EOF on it
 *            tells the child its parent died, however it died)
 *   fd 1, 2  pipes whose other ends a monitor thread copies into our System.out / System.err
 *   fd 3..   pipe ends passed as the process's arguments ({@link FdTransfer})
 * </pre>
 *
 * and nothing else ({@link Spawn} closes every other descriptor in the child). The request is
 * written into the socket's buffer right away, so {@code start()} does not wait for the JVM to boot.
 *
 * <p>When the context allows it ({@code ContextOptions.aotCache}), a child runs with the SPI's JDK
 * AOT cache ({@link AotCache}, the same as forkjvm's); until that is trained, in the background
 * on first use, children start without it.
 *
 * <p>A root context keeps spare JVMs ({@code ContextOptions.spareProcesses}, default 1, 0 = none;
 * see {@link PosixSpares}): a process whose arguments carry no pipe end runs on one, the others
 * start cold, since their descriptors must be in place when the JVM is spawned.
 */
public final class PosixLauncher implements AutoCloseable {
    private final byte[] key;
    private final ContextOptions options;
    private final AotCache aot;
    private final PosixSpares spares;
    private final String warmUpFactory;

    /**
     * A launcher whose children warm nothing up while they wait (tests).
     *
     * @param key the context key its children share
     * @param options the context's options
     */
    public PosixLauncher(byte[] key, ContextOptions options) {
        this(key, options, null);
    }

    /**
     * @param key the context key its children share
     * @param options the context's options
     * @param warmUpFactory the {@link io.multiprocessing4j.spi.launch.ChildContextFactory} every
     *     child (spares above all) warms up while it waits for its request, or null
     */
    public PosixLauncher(byte[] key, ContextOptions options, String warmUpFactory) {
        this.warmUpFactory = warmUpFactory;
        this.key = key.clone();
        this.options = options;
        this.aot = AotCache.shared(options.aotCache());
        int count = spareCount(options);
        this.spares = count == 0 ? null : new PosixSpares(() -> spawn(List.of()), count);
        if (options.spareProcesses() > 0) {
            spares.refill(); // set explicitly: ready before the first start(), as in forkjvm
        }
    }

    /**
     * The child's command line: with the AOT cache's options and class path order when the cache
     * is ready (asking for it starts its training otherwise).
     *
     * @return the command
     */
    List<String> command() {
        boolean ready = aot.ready();
        List<String> extra = new ArrayList<>(List.of("-Xrs"));
        extra.addAll(aot.jvmOptions(ready));
        List<String> args = warmUpFactory == null ? List.of(ChildBootstrap.INHERITED_CONTROL)
                : List.of(ChildBootstrap.INHERITED_CONTROL, ChildBootstrap.WARM_UP + warmUpFactory);
        return JvmCommand.build(options, "posix", extra, aot.classPathFor(JvmCommand.classPath(), ready),
                ChildBootstrap.class.getName(), args);
    }

    /**
     * Starts {@code process} in a new JVM.
     *
     * @param process the process
     * @param factoryClass the {@link io.multiprocessing4j.spi.launch.ChildContextFactory} the child uses
     * @return its runtime
     * @throws io.multiprocessing4j.SerializationException if the process cannot be serialized
     * @throws MultiprocessingException if the JVM cannot be started
     */
    public PosixProcessRuntime launch(ChildProcess process, String factoryClass) {
        FdTransfer transfer = new FdTransfer();
        byte[] processBytes = FdTransfer.collecting(transfer, () -> Codec.serialize(process));
        byte[] request = Codec.serialize(new LaunchRequest(processBytes, ProcessScope.current().self(), factoryClass,
                ChildState.of(key, options)));
        List<Integer> passed = transfer.descriptors();
        if (passed.isEmpty() && spares != null) {
            PosixProcessRuntime spare = spares.take();
            spares.refill();
            if (spare != null && send(spare, request)) {
                return spare;
            }
        }
        PosixProcessRuntime runtime = spawn(passed);
        if (!send(runtime, request)) {
            runtime.kill();
            throw new MultiprocessingException("child JVM " + runtime.pid() + " died before it received its process");
        }
        return runtime;
    }

    /**
     * Keeps {@code spareProcesses} child JVMs spawned ahead (none in a child's context, as in
     * forkjvm); the default (-1) means one, first spawned at the first {@link #launch}.
     */
    private static int spareCount(ContextOptions options) {
        return options.spareProcesses() < 0 ? 1 : options.spareProcesses();
    }

    /**
     * Waits until the spare JVMs are spawned (benchmarks and tests).
     *
     * @param nanos the longest wait
     * @return whether they are (false if this launcher keeps none)
     * @throws InterruptedException if interrupted
     */
    public boolean awaitSpares(long nanos) throws InterruptedException {
        if (spares == null) {
            return false;
        }
        spares.refill();
        return spares.awaitReady(nanos);
    }

    /** @return the pids of the spare JVMs ready now */
    public List<Long> sparePids() {
        return spares == null ? List.of() : spares.pids();
    }

    /** Kills and reaps the spare JVMs (the context closes). */
    @Override
    public void close() {
        if (spares != null) {
            spares.close();
        }
    }

    private static boolean send(PosixProcessRuntime runtime, byte[] request) {
        try {
            runtime.control().write(request, 0, request.length);
            return true;
        } catch (RuntimeException e) {
            return false; // it died: a spare is dropped, a fresh child is an error for the caller
        }
    }

    /** Spawns a child JVM that waits for its request on fd 0, with {@code passed} as fds 3... */
    private PosixProcessRuntime spawn(List<Integer> passed) {
        List<String> cmd = command();
        int[] control = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        int[] out = null;
        int[] err = null;
        int pid;
        try {
            out = Descriptors.pipe2(Descriptors.O_CLOEXEC);
            err = Descriptors.pipe2(Descriptors.O_CLOEXEC);
            Spawn.Builder spawn = Spawn.builder(cmd.getFirst()).argv(cmd)
                    .mapFd(control[1], 0).mapFd(out[1], 1).mapFd(err[1], 2);
            for (int i = 0; i < passed.size(); i++) {
                spawn.mapFd(passed.get(i), FdTransfer.FIRST_CHILD_FD + i);
            }
            pid = spawn.spawn();
        } catch (PosixException e) {
            closeAll(control[0], out == null ? -1 : out[0], err == null ? -1 : err[0]);
            throw new MultiprocessingException("cannot start a child JVM (" + cmd.getFirst() + "): " + e.getMessage(), e);
        } finally {
            closeAll(control[1], out == null ? -1 : out[1], err == null ? -1 : err[1]);
        }
        return new PosixProcessRuntime(pid, ExitWait.pidfdOrNone(pid), out[0], err[0], new FdChannel(control[0]));
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                Descriptors.close(fd);
            }
        }
    }
}
