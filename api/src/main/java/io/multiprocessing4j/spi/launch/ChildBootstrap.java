package io.multiprocessing4j.spi.launch;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessInfo;
import io.multiprocessing4j.spi.ExitRequest;
import io.multiprocessing4j.spi.ProcessScope;
import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.UnixSockets;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code main} of every child JVM: the launch protocol's child side.
 *
 * <ol>
 *   <li>Read the context key (hex) from the first line of standard input; the parent writes it
 *       there and closes the pipe, so the key never appears on a command line.</li>
 *   <li>Connect to the parent's control socket (argument 0), authenticate, send our pid (8 bytes).</li>
 *   <li>Wait for a {@link LaunchRequest} (a spare JVM waits here until it is given work; if the
 *       parent goes away first, it exits 0).</li>
 *   <li>Install {@link ProcessScope#installForJvm} with a lazily opened context of the parent's
 *       backend, deserialize the process and run it.</li>
 *   <li>Exit: 0 after a normal end (after joining its non-daemon children and terminating its daemon
 *       ones, as Python does); 1 after an uncaught exception, whose stack trace goes to standard
 *       error under Python's {@code Process <name>:} header; n after {@code exit(n)}.</li>
 * </ol>
 *
 * <p>Parent death: the control socket stays open while the child runs and the parent never writes
 * to it again, so end of stream on it means the parent's process is gone (the kernel closes its
 * sockets at once). A daemon child then exits at once (so do pool workers and manager servers,
 * which are daemons); a non-daemon child goes on, as in Python, because its work may still matter.
 *
 * <p>With argument {@value #INHERITED_CONTROL} (the posix backend) steps 1 and 2 differ: the control
 * channel is standard input, a {@code socketpair} end the parent placed there at spawn
 * ({@link System#inheritedChannel()}); it needs no key, since only the parent holds the other end,
 * and {@link System#in} is replaced by an empty stream so user code cannot read control bytes.
 *
 * <p>Standard output and error are line-buffered (each line reaches the parent whole, so the lines
 * of several children never interleave mid-line) and flushed at exit.
 *
 * <p>With argument {@code --train} it only exercises the classes a child uses and exits, for
 * building an AOT cache.
 */
public final class ChildBootstrap {
    /** Exit code of a daemon child whose parent died. */
    public static final int ORPHAN_EXIT = 1;
    /** The argument that makes standard input, an inherited connected socket, the control channel. */
    public static final String INHERITED_CONTROL = "--inherited-control";
    /**
     * Prefix of the optional second argument naming the {@link ChildContextFactory} whose
     * {@link ChildContextFactory#warmUp()} runs while the child waits for its request.
     */
    public static final String WARM_UP = "--warm-up=";
    private static final long WATCH_MILLIS = 100;

    private ChildBootstrap() {
    }

    /**
     * Runs the child side of the protocol.
     *
     * @param args the control socket's path or {@value #INHERITED_CONTROL}, optionally followed by
     *     {@value #WARM_UP}{@code <factory class>}; or {@code --train}
     */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run();
            return;
        }
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].startsWith(WARM_UP)) {
            System.err.println("usage: ChildBootstrap <control-socket>|" + INHERITED_CONTROL + " [" + WARM_UP + "<class>]");
            System.exit(2);
        }
        installLineBufferedStreams();
        FramedChannel control;
        try {
            control = args[0].equals(INHERITED_CONTROL) ? inheritedControl()
                    : UnixSockets.connect(Path.of(args[0]), readKey());
            byte[] pid = ByteBuffer.allocate(8).putLong(ProcessHandle.current().pid()).array();
            control.write(pid, 0, pid.length);
        } catch (RuntimeException e) {
            System.err.println("multiprocessing4j child: cannot reach the parent: " + e);
            System.exit(ORPHAN_EXIT);
            return;
        }
        warmUp(args.length == 2 ? args[1].substring(WARM_UP.length()) : null);
        byte[] requestBytes;
        try {
            requestBytes = control.read(Long.MAX_VALUE);
        } catch (ConnectionEOFException | IllegalStateException e) {
            System.exit(0); // a spare whose parent went away
            return;
        }
        LaunchRequest request = (LaunchRequest) Codec.deserialize(requestBytes);
        run(request, control);
    }

    private static void run(LaunchRequest request, FramedChannel control) {
        AtomicReference<Context> opened = new AtomicReference<>();
        ChildContextFactory factory = factory(request.contextFactory());
        ChildProcess process = (ChildProcess) Codec.deserialize(request.process());
        ProcessInfo self = new ProcessInfo(process.name(), ProcessHandle.current().pid(), process.daemon());
        ProcessScope.installForJvm(ProcessScope.forChild(self, request.parent(), () -> {
            Context c = factory.openChild(request.contextState());
            opened.set(c);
            return c;
        }, ProcessScope::exitJvm));
        watchParent(control, self.daemon());
        int code = 0;
        String message = null;
        try {
            process.run();
        } catch (ExitRequest e) {
            code = e.code();
            message = e.getMessage();
        } catch (Throwable t) {
            System.err.println("Process " + self.name() + ":");
            t.printStackTrace();
            code = 1;
        }
        endChildren(opened.get());
        ProcessScope.exitJvm(code, message);
    }

    private static void endChildren(Context context) {
        if (context == null) {
            return;
        }
        try {
            for (ChildProcess c : context.activeChildren()) {
                if (c.daemon()) {
                    c.terminate();
                } else {
                    c.join();
                }
            }
            context.close();
        } catch (RuntimeException e) {
            System.err.println("multiprocessing4j child: ending its children failed: " + e);
        }
    }

    /**
     * Watches the control socket for end of stream. It polls (a non-blocking read every
     * {@value #WATCH_MILLIS} ms, sleeping in between) rather than blocking in a read: a thread
     * blocked in native code makes the JVM's exit wait about 300 ms for it.
     */
    private static void watchParent(FramedChannel control, boolean daemon) {
        Thread t = new Thread(() -> {
            try {
                while (!control.poll(0)) {
                    Thread.sleep(WATCH_MILLIS);
                }
            } catch (InterruptedException | RuntimeException e) {
                // treat as end of stream
            }
            if (daemon) {
                Runtime.getRuntime().halt(ORPHAN_EXIT);
            }
        }, "mp4j-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Loads and links, while a spare waits for work, what running a process needs first
     * (serialization of a lambda, and the backend's own set-up: for posix, ~200 ms of native
     * bindings), so that the first task does not pay for it.
     *
     * @param factoryClass the backend's child context factory to warm up, or null
     */
    private static void warmUp(String factoryClass) {
        Thread t = new Thread(() -> {
            if (factoryClass != null) {
                try {
                    factory(factoryClass).warmUp();
                } catch (RuntimeException | LinkageError e) {
                    // only a warm-up: the real open reports any real problem
                }
            }
            try {
                io.multiprocessing4j.SerializableRunnable r = () -> System.out.flush();
                Object back = Codec.deserialize(Codec.serialize(r));
                Codec.deserialize(Codec.serialize(new LaunchRequest(new byte[0],
                        new ProcessInfo("warm-up", 1, false), back.getClass().getName(), null)));
            } catch (RuntimeException e) {
                // only a warm-up
            }
        }, "mp4j-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static FramedChannel inheritedControl() {
        try {
            if (!(System.inheritedChannel() instanceof java.nio.channels.SocketChannel socket)) {
                throw new IllegalStateException("standard input is not a connected socket");
            }
            System.setIn(java.io.InputStream.nullInputStream());
            return new FramedChannel(socket);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Line-buffers standard output and error (see {@link LineBufferedStream}), flushed at exit too. */
    private static void installLineBufferedStreams() {
        System.setOut(LineBufferedStream.open(java.io.FileDescriptor.out, System.out.charset()));
        System.setErr(LineBufferedStream.open(java.io.FileDescriptor.err, System.err.charset()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.flush();
            System.err.flush();
        }, "mp4j-flush-output"));
    }

    private static ChildContextFactory factory(String className) {
        try {
            return (ChildContextFactory) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot make the child context factory " + className, e);
        }
    }

    private static byte[] readKey() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII), 128);
            String line = in.readLine();
            if (line == null) {
                throw new IOException("standard input ended before the key");
            }
            return HexFormat.of().parseHex(line.trim());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("multiprocessing4j child: no context key on standard input: " + e);
            System.exit(ORPHAN_EXIT);
            return null;
        }
    }
}
