package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;

/** A typed value kept by the manager: one element of a {@link ServerArray}. */
public final class ServerValue implements SharedValue, Served {
    private static final long serialVersionUID = 1L;

    private final ServerArray cell;

    /** @param type the typecode @param initial the initial value, checked */
    public ServerValue(TypeCode type, Number initial) {
        this.cell = new ServerArray(type, 1);
        cell.set(0, initial);
    }

    @Override
    public Class<?> proxyType() {
        return SharedValue.class;
    }

    @Override
    public TypeCode typeCode() {
        return cell.typeCode();
    }

    @Override
    public Number get() {
        return cell.get(0);
    }

    @Override
    public void set(Number value) {
        cell.set(0, value);
    }

    @Override
    public int getInt() {
        return cell.getInt(0);
    }

    @Override
    public void setInt(int value) {
        cell.setInt(0, value);
    }

    @Override
    public long getLong() {
        return cell.getLong(0);
    }

    @Override
    public void setLong(long value) {
        cell.setLong(0, value);
    }

    @Override
    public double getDouble() {
        return cell.getDouble(0);
    }

    @Override
    public void setDouble(double value) {
        cell.setDouble(0, value);
    }

    @Override
    public long addAndGet(long delta) {
        return cell.addAndGet(0, delta);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return cell.compareAndSet(0, expected, update);
    }

    @Override
    public SharedRLock getLock() {
        return cell.getLock();
    }
}
