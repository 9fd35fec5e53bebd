/**
 * Messages between processes over stream sockets: length-prefixed framing
 * ({@link io.multiprocessing4j.spi.channel.FramedChannel}), HMAC-SHA256 challenge–response on the
 * context key ({@link io.multiprocessing4j.spi.channel.Authenticator}), a
 * {@link io.multiprocessing4j.Connection} over them
 * ({@link io.multiprocessing4j.spi.channel.FramedConnection}), and Unix-domain listeners and
 * clients in owner-only directories. Nothing here is specific to one backend.
 */
package io.multiprocessing4j.spi.channel;
