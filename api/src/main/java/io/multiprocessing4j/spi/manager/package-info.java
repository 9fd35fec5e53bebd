/**
 * The generic {@link io.multiprocessing4j.Manager} every backend with a
 * {@link io.multiprocessing4j.spi.ConnectionProvider} gets: a daemon server process
 * ({@code SyncManager-N}) listening at an address of the context, and serializable proxies that
 * reach it from any process of the context.
 *
 * <p>The server serves each client connection on a (platform) thread of its own, so a blocking call
 * (a lock's {@code acquire}, a queue's {@code get}, an event's {@code await}) blocks only its caller;
 * such a wait gives up as soon as its client disconnects. A client borrows one connection per call
 * from a per-process pool. Requests, results and exceptions always travel serialized (common calls
 * in a compact form, see {@code Wire}), so values in
 * proxied collections are copies on every backend, as in Python. A reentrant lock's owner is the
 * calling process and thread, so owner checks hold across processes. Exceptions of the JDK
 * interfaces' usual unchecked types and of this library come back as themselves; those of registered
 * user types come wrapped in {@link io.multiprocessing4j.RemoteException}. Once the manager is shut
 * down or its process is gone, every call fails at once with
 * {@link io.multiprocessing4j.ManagerUnavailableException}.
 *
 * <p>Known limits: objects live until the manager shuts down (proxies are not reference-counted,
 * unlike CPython's); a caller interrupted in a blocking call drops its connection, and the server
 * abandons the wait, but a lock granted in that instant stays held.
 */
package io.multiprocessing4j.spi.manager;
