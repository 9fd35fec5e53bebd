package io.multiprocessing4j.spi.channel;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.util.Objects;

/**
 * A duplex {@link io.multiprocessing4j.Connection} on an authenticated socket, as returned by
 * {@link UnixConnectionListener#accept()} and {@link UnixSockets#connect}. It belongs to the process
 * that opened it: sending it to another process is refused (send the listener's address instead).
 */
public final class SocketConnection extends FramedConnection {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient FramedChannel channel;

    /**
     * @param channel an authenticated channel
     */
    public SocketConnection(FramedChannel channel) {
        super(true, true);
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    protected FramedChannel channel() {
        if (closed()) {
            throw new IllegalStateException("the connection is closed");
        }
        return channel;
    }

    @Override
    protected void release() {
        channel.close();
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        throw new NotSerializableException(SocketConnection.class.getName()
                + " (a connection from listen()/connect() stays in its process; send the listener's address)");
    }

    @Override
    public String toString() {
        return "SocketConnection[" + (closed() ? "closed" : "open") + "]";
    }
}
