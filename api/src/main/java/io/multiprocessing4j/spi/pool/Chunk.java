package io.multiprocessing4j.spi.pool;

/**
 * One task message of a job: what a worker runs at a time, and what fails together when it dies.
 *
 * @param job the job it belongs to
 * @param index its position in the job
 * @param taskId unique in the pool
 * @param encoded whether {@code work} is the {@link WorkCodec.Encoded encoded} {@link Work}
 * @param work the encoded work, or the {@link Work} itself
 * @param description what it is, for messages
 */
record Chunk(Job job, int index, long taskId, boolean encoded, Object work, String description) {
}
