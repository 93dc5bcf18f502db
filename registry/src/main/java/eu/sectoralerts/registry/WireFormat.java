package eu.sectoralerts.registry;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id (big
 * endian), the rest the Avro binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /**
   * The schema id of a wire-format record.
   *
   * @throws SerializationException when the bytes are not in the wire format, saying why
   */
  public static int schemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException(
          "Not in schema-registry wire format: " + data.length + " bytes, at least 5 expected");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Not in schema-registry wire format: first byte is 0x%02x, expected magic byte 0x00",
              data[0]));
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }

  /** Writes the 5-byte header into the first bytes of {@code buffer}. */
  public static void writeHeader(ByteBuffer buffer, int schemaId) {
    buffer.put(MAGIC_BYTE).putInt(schemaId);
  }
}
