package io.multiprocessing4j.spi.manager.server;

/**
 * A server-side object that is returned to clients as a proxy, not copied (a condition's lock, a
 * value's lock).
 */
public interface Served {
    /** @return the interface its proxies implement */
    Class<?> proxyType();
}
