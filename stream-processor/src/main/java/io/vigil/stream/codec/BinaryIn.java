package io.vigil.stream.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryOut} wrote, field by field, in the same order. */
public final class BinaryIn {

    private final byte[] bytes;
    private int position;

    BinaryIn(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    public int readByte() {
        return bytes[position++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public int readInt() {
        int value = (bytes[position] & 0xff) << 24
                | (bytes[position + 1] & 0xff) << 16
                | (bytes[position + 2] & 0xff) << 8
                | bytes[position + 3] & 0xff;
        position += 4;
        return value;
    }

    public long readLong() {
        return (long) readInt() << 32 | readInt() & 0xffffffffL;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int length = readInt();
        if (length < 0) return null;
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public Instant readInstant() {
        if (!readBoolean()) return null;
        long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readInt());
    }

    public <E extends Enum<E>> E readEnum(Class<E> type) {
        String name = readString();
        return name == null ? null : Enum.valueOf(type, name);
    }

    public Integer readNullableInt() {
        return readBoolean() ? readInt() : null;
    }
}
