package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.MultiprocessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** Unix-domain socket helpers: owner-only socket directories, short random names, authenticated connects. */
public final class UnixSockets {
    /** Longest socket path we use (the kernel's {@code sun_path} holds 107 bytes). */
    private static final int MAX_PATH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UnixSockets() {
    }

    /**
     * Creates an owner-only (0700) directory for one context's socket files: under
     * {@code java.io.tmpdir}, or {@code /tmp} when that path is too long for socket names.
     *
     * @param prefix the directory name's prefix
     * @return the directory
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path newPrivateDirectory(String prefix) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (base.toAbsolutePath().toString().length() > MAX_PATH - 40) {
            base = Path.of("/tmp");
        }
        try {
            return Files.createTempDirectory(base, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private socket directory in " + base, e);
        }
    }

    /**
     * @param prefix a short prefix
     * @return {@code prefix} followed by 12 random hex digits
     */
    public static String randomName(String prefix) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /**
     * Connects to a listener and authenticates.
     *
     * @param path the listener's socket file
     * @param key the context key
     * @return the authenticated channel
     * @throws ConnectionEOFException if nothing listens there
     * @throws AuthenticationException if the listener has another key
     */
    public static FramedChannel connect(Path path, byte[] key) {
        Objects.requireNonNull(path, "path");
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new MultiprocessingException("cannot open a Unix-domain socket", e);
        }
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConnectionEOFException("nothing listens at " + path + ": " + e.getMessage(), e);
        }
        FramedChannel framed = new FramedChannel(ch);
        try {
            Authenticator.asClient(framed, key);
        } catch (RuntimeException e) {
            framed.close();
            throw e;
        }
        return framed;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing: nothing more to do
        }
    }
}
