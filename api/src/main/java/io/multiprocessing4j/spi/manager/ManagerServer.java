package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.spi.ConnectionListener;
import io.multiprocessing4j.spi.ConnectionProvider;
import io.multiprocessing4j.spi.ProcessScope;
import io.multiprocessing4j.spi.manager.server.Caller;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.io.Serial;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target of the manager's server process: listens on the context's {@link ConnectionProvider},
 * sends its address to the parent, and serves each client connection on a thread of its own, so
 * that a blocking call (a lock acquire, a queue get) blocks only its caller.
 */
final class ManagerServer implements SerializableRunnable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Connection addressOut;
    /** The parent's context where nothing is serialized (threads backend); null in a child JVM. */
    private final transient Context parentContext;

    private transient ConnectionListener listener;
    private transient Dispatcher dispatcher;
    private transient Set<Connection> open;

    ManagerServer(Connection addressOut, Context parentContext) {
        this.addressOut = addressOut;
        this.parentContext = parentContext;
    }

    @Override
    public void run() {
        Context context = parentContext != null ? parentContext : ProcessScope.current().context();
        if (!(context instanceof ConnectionProvider provider)) {
            throw new IllegalStateException("the " + context.backendName() + " backend has no ConnectionProvider");
        }
        listener = provider.listen();
        dispatcher = new Dispatcher(new ObjectTable());
        open = ConcurrentHashMap.newKeySet();
        try {
            addressOut.send(listener.address());
            while (true) {
                Connection c;
                try {
                    c = listener.accept();
                } catch (IllegalStateException e) {
                    return; // closed by a shutdown request
                }
                open.add(c);
                // A platform thread per connection (as CPython's manager): it waits for the next
                // request (spinning while its client calls back to back, else blocked in the kernel)
                // and answers the moment it comes. A virtual thread
                // waiting in a Selector holds its carrier anyway (the pool compensates with another
                // carrier thread), so it saved nothing and added the hand-offs of the scheduler.
                // The thread ends with its connection (client gone, or the server stopping).
                Thread.ofPlatform().daemon(true).name("mp4j-manager-client").start(() -> serve(c));
            }
        } finally {
            listener.close();
            open.forEach(Connection::close);
        }
    }

    private void serve(Connection c) {
        // Spins for the next request while this client's requests come quickly (see SpinningReceiver).
        SpinningReceiver receiver = new SpinningReceiver();
        try {
            while (true) {
                byte[] in = receiver.recv(c);
                Protocol.Reply reply;
                Object request = null;
                try {
                    request = Wire.request(in);
                    reply = dispatcher.handle((Protocol.Request) request, c);
                } catch (Caller.Gone e) {
                    return;
                } catch (RuntimeException e) {
                    reply = new Protocol.Reply(null, RemoteFailure.of(e, true));
                }
                byte[] out;
                try {
                    out = Wire.reply(reply);
                } catch (RuntimeException e) {
                    out = Wire.reply(new Protocol.Reply(null, RemoteFailure.of(e, true)));
                }
                c.sendBytes(out);
                if (request instanceof Protocol.Shutdown) {
                    listener.close();
                    return;
                }
            }
        } catch (ConnectionEOFException | IllegalStateException e) {
            // the client left, or the server is stopping
        } finally {
            c.close();
            open.remove(c);
        }
    }
}
