package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.spi.ConnectionListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link ConnectionListener} on a Unix-domain socket file (in an owner-only directory). Every
 * client is authenticated with the context key before {@link #accept()} returns it; one that fails
 * is dropped (and logged) and accept waits for the next. The socket file is deleted at close.
 */
public final class UnixConnectionListener implements ConnectionListener {
    private static final System.Logger LOG = System.getLogger(UnixConnectionListener.class.getName());

    private final Path path;
    private final byte[] key;
    private final ServerSocketChannel server;
    private volatile boolean closed;

    /**
     * Binds a new socket file.
     *
     * @param path where (its directory must be owner-only)
     * @param key the context key
     * @throws MultiprocessingException if it cannot bind
     */
    public UnixConnectionListener(Path path, byte[] key) {
        this.path = Objects.requireNonNull(path, "path");
        this.key = key.clone();
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new MultiprocessingException("cannot listen at " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String address() {
        return path.toString();
    }

    /** @return the socket file */
    public Path path() {
        return path;
    }

    @Override
    public Connection accept() {
        return new SocketConnection(acceptChannel());
    }

    /**
     * As {@link #accept()}, returning the raw authenticated channel.
     *
     * @return the channel
     * @throws IllegalStateException if the listener is closed
     * @throws ProcessInterruptedException if interrupted while waiting (the listener is then closed)
     */
    public FramedChannel acceptChannel() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedByInterruptException e) {
                close();
                throw new ProcessInterruptedException("interrupted while accepting at " + path, e);
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("the listener at " + path + " is closed", e);
            } catch (IOException e) {
                if (closed) {
                    throw new IllegalStateException("the listener at " + path + " is closed", e);
                }
                throw new MultiprocessingException("accept failed at " + path + ": " + e.getMessage(), e);
            }
            FramedChannel framed = new FramedChannel(ch);
            try {
                Authenticator.asServer(framed, key);
                return framed;
            } catch (RuntimeException e) {
                framed.close();
                if (e instanceof ProcessInterruptedException) {
                    throw e;
                }
                LOG.log(Level.WARNING, "dropped a client at " + path + " that failed authentication: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        UnixSockets.closeQuietly(server);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete socket file " + path, e);
        }
    }

    @Override
    public String toString() {
        return "UnixConnectionListener[" + path + "]";
    }
}
