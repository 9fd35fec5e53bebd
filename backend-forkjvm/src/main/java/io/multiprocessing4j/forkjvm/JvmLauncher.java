package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.UnixConnectionListener;
import io.multiprocessing4j.spi.channel.UnixSockets;
import io.multiprocessing4j.spi.launch.AotCache;
import io.multiprocessing4j.spi.launch.ChildBootstrap;
import io.multiprocessing4j.spi.launch.JvmCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts child JVMs running {@link ChildBootstrap} and pairs each with the control connection it
 * opens back to us (matched by pid, which the child sends after authenticating). One control
 * listener per context, accepting on a daemon thread.
 */
final class JvmLauncher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JvmLauncher.class.getName());
    /** How long a child JVM may take to connect back; generous, for a loaded 2-core machine. */
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final byte[] key;
    private final ContextOptions options;
    private final UnixConnectionListener listener;
    private final Map<Long, CompletableFuture<FramedChannel>> hellos = new ConcurrentHashMap<>();
    private final AotCache aot;
    private volatile boolean closed;

    JvmLauncher(byte[] key, Path socketDir, ContextOptions options) {
        this.key = key.clone();
        this.options = options;
        this.listener = new UnixConnectionListener(socketDir.resolve(UnixSockets.randomName("c-")), key);
        this.aot = AotCache.shared(options.aotCache());
        Thread t = new Thread(this::acceptLoop, "mp4j-forkjvm-control");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts a JVM; it connects back in the background.
     *
     * @return the child, not yet connected
     * @throws MultiprocessingException if the JVM cannot be started
     */
    ChildJvm spawn() {
        if (closed) {
            throw new IllegalStateException("the forkjvm context is closed");
        }
        boolean ready = aot.ready();
        List<String> extra = new ArrayList<>(aot.jvmOptions(ready));
        List<String> cmd = JvmCommand.build(options, ForkJvmBackend.NAME, extra,
                aot.classPathFor(JvmCommand.classPath(), ready), ChildBootstrap.class.getName(), List.of(listener.address()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new MultiprocessingException("cannot start a child JVM (" + cmd.getFirst() + "): " + e.getMessage(), e);
        }
        Thread out = OutputPump.start(p.getInputStream(), () -> System.out, "mp4j-stdout-" + p.pid());
        Thread err = OutputPump.start(p.getErrorStream(), () -> System.err, "mp4j-stderr-" + p.pid());
        try (OutputStream in = p.getOutputStream()) {
            in.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "child " + p.pid() + " closed its standard input early", e);
        }
        return new ChildJvm(p, out, err);
    }

    /**
     * Waits until the child has connected back and sets its control channel.
     *
     * @param child a child from {@link #spawn()}
     * @throws MultiprocessingException if it died or did not connect in time
     */
    void awaitConnected(ChildJvm child) {
        CompletableFuture<FramedChannel> f = hellos.computeIfAbsent(child.pid(), k -> new CompletableFuture<>());
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
        try {
            while (true) {
                try {
                    child.control(f.get(100, TimeUnit.MILLISECONDS));
                    return;
                } catch (TimeoutException e) {
                    if (!child.isAlive()) {
                        throw new MultiprocessingException("child JVM " + child.pid() + " exited with "
                                + child.process().exitValue() + " before connecting back (see its standard error)");
                    }
                    if (System.nanoTime() > deadline || closed) {
                        child.kill();
                        throw new MultiprocessingException("child JVM " + child.pid() + " did not connect back in time");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            throw new io.multiprocessing4j.ProcessInterruptedException("interrupted while starting a child JVM", e);
        } catch (ExecutionException e) {
            child.kill();
            throw new MultiprocessingException("child JVM " + child.pid() + " failed to connect back", e.getCause());
        } finally {
            hellos.remove(child.pid());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            FramedChannel ch;
            try {
                ch = listener.acceptChannel();
            } catch (IllegalStateException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "control accept failed", e);
                }
                continue;
            }
            try {
                byte[] hello = ch.read(TimeUnit.SECONDS.toNanos(10));
                if (hello == null || hello.length != 8) {
                    ch.close();
                    continue;
                }
                long pid = ByteBuffer.wrap(hello).getLong();
                hellos.computeIfAbsent(pid, k -> new CompletableFuture<>()).complete(ch);
            } catch (RuntimeException e) {
                ch.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
        for (CompletableFuture<FramedChannel> f : hellos.values()) {
            f.thenAccept(FramedChannel::close);
        }
    }
}
