package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.FramedConnection;
import io.multiprocessing4j.spi.channel.UnixSockets;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One end of a pipe: a handle that attaches to its {@link PipeBroker} in whatever process first
 * uses it. It carries the context key, so that it can authenticate wherever it goes (it only
 * travels inside the context's own authenticated channels and owner-only memory).
 */
final class PipeEnd extends FramedConnection {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String broker;
    private final long pipeId;
    private final int side;
    private final byte[] key;
    private transient volatile FramedChannel channel;
    /** The broker, in the creator's process only: this is the creator's own copy. */
    private final transient PipeBroker localBroker;

    PipeEnd(PipeBroker localBroker, String broker, long pipeId, int side, byte[] key, boolean readable,
            boolean writable) {
        super(readable, writable);
        this.localBroker = localBroker;
        this.broker = broker;
        this.pipeId = pipeId;
        this.side = side;
        this.key = key.clone();
    }

    @Override
    protected FramedChannel channel() {
        FramedChannel c = channel;
        if (c == null) {
            synchronized (this) {
                c = channel;
                if (c == null) {
                    if (closed()) {
                        throw new IllegalStateException("the connection is closed");
                    }
                    c = attach();
                    channel = c;
                }
            }
        }
        return c;
    }

    private FramedChannel attach() {
        FramedChannel c = UnixSockets.connect(Path.of(broker), key);
        byte[] header = ByteBuffer.allocate(9).putLong(pipeId).put((byte) side).array();
        c.write(header, 0, header.length);
        byte[] reply = c.read(TimeUnit.SECONDS.toNanos(30));
        if (reply == null || reply.length != 1 || reply[0] != PipeBroker.ACCEPTED) {
            c.close();
            throw new ConnectionEOFException("the pipe's broker did not answer");
        }
        return c;
    }

    /**
     * Prefixes each message with {@link System#nanoTime()}, a clock shared by every process of the
     * machine, so that the broker can pass on messages from several processes in the order they
     * were sent (the broker strips it).
     */
    @Override
    protected void writeFrame(byte[] data, int offset, int size) {
        byte[] stamp = ByteBuffer.allocate(8).putLong(System.nanoTime()).array();
        channel().writePrefixed(stamp, data, offset, size); // no copy of the message to prepend it
    }

    @Override
    protected synchronized void release() {
        FramedChannel c = channel;
        if (c != null) {
            c.close();
        }
        if (localBroker != null) {
            localBroker.originalClosed(pipeId, side);
        }
    }

    @Override
    public String toString() {
        return "Connection[pipe " + pipeId + (side == 0 ? " left" : " right") + (closed() ? ", closed]" : "]");
    }
}
