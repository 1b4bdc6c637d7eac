package io.vigil.stream.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A growable byte buffer with the few field writers {@link CompactSerde} values need. Nullable
 * fields are written with a marker so that null survives the round trip.
 */
public final class BinaryOut {

    private byte[] buffer = new byte[128];
    private int size;

    public void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    public void writeInt(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    public void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** UTF-8 with its length; -1 for null. */
    public void writeString(String value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Seconds and nanoseconds, so no precision is lost; a marker byte for null. */
    public void writeInstant(Instant value) {
        writeBoolean(value != null);
        if (value == null) return;
        writeLong(value.getEpochSecond());
        writeInt(value.getNano());
    }

    /** The constant's name (robust against reordering the enum); null allowed. */
    public void writeEnum(Enum<?> value) {
        writeString(value == null ? null : value.name());
    }

    /** A nullable Integer. */
    public void writeNullableInt(Integer value) {
        writeBoolean(value != null);
        if (value != null) writeInt(value);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
