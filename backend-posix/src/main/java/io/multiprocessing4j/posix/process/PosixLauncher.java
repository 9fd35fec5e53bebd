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
 */
public final class PosixLauncher {
    private final byte[] key;
    private final ContextOptions options;
    private final AotCache aot;

    /**
     * @param key the context key its children share
     * @param options the context's options
     */
    public PosixLauncher(byte[] key, ContextOptions options) {
        this.key = key.clone();
        this.options = options;
        this.aot = AotCache.shared(options.aotCache());
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
        return JvmCommand.build(options, "posix", extra, aot.classPathFor(JvmCommand.classPath(), ready),
                ChildBootstrap.class.getName(), List.of(ChildBootstrap.INHERITED_CONTROL));
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
        List<String> cmd = command();
        List<Integer> opened = new ArrayList<>();
        int[] control = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        int[] out = null;
        int[] err = null;
        int pid;
        try {
            out = Descriptors.pipe2(Descriptors.O_CLOEXEC);
            err = Descriptors.pipe2(Descriptors.O_CLOEXEC);
            Spawn.Builder spawn = Spawn.builder(cmd.getFirst()).argv(cmd)
                    .mapFd(control[1], 0).mapFd(out[1], 1).mapFd(err[1], 2);
            List<Integer> passed = transfer.descriptors();
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
        FdChannel channel = new FdChannel(control[0]);
        PosixProcessRuntime runtime = new PosixProcessRuntime(pid, ExitWait.pidfdOrNone(pid), out[0], err[0], channel);
        try {
            channel.write(request, 0, request.length);
        } catch (RuntimeException e) {
            runtime.kill();
            throw new MultiprocessingException("child JVM " + pid + " died before it received its process", e);
        }
        return runtime;
    }

    private static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                Descriptors.close(fd);
            }
        }
    }
}
