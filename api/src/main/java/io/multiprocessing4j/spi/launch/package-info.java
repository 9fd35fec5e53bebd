/**
 * The child-JVM launch protocol shared by the process backends: the command line
 * ({@link io.multiprocessing4j.spi.launch.JvmCommand}), the child's {@code main}
 * ({@link io.multiprocessing4j.spi.launch.ChildBootstrap}), the request a parent sends
 * ({@link io.multiprocessing4j.spi.launch.LaunchRequest}) and how a child opens its context
 * ({@link io.multiprocessing4j.spi.launch.ChildContextFactory}).
 */
package io.multiprocessing4j.spi.launch;
