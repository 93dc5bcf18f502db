package eu.sectoralerts.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for an Avro generated class in Confluent's wire format with the topic name strategy: values
 * of topic {@code t} are registered under subject {@code t-value} (keys under {@code t-key}).
 * Reading resolves the writer's schema (by the id in the record) against the generated class's
 * schema, so records written with an older compatible schema read fine. Null is a tombstone both
 * ways.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SchemaRegistryClient registry;
  private final Class<T> type;
  private final Schema readerSchema;
  private final boolean isKey;
  private final SpecificData data;
  private final SpecificDatumWriter<T> writer;
  private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();

  private AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.type = Objects.requireNonNull(type, "type");
    this.isKey = isKey;
    this.data = SpecificData.getForClass(type);
    this.readerSchema = data.getSchema(type);
    this.writer = new SpecificDatumWriter<>(readerSchema, data);
  }

  /** Serde for record values of the given generated class. */
  public static <T extends SpecificRecord> AvroSerde<T> forValues(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, false);
  }

  /** Serde for record keys of the given generated class. */
  public static <T extends SpecificRecord> AvroSerde<T> forKeys(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, true);
  }

  /** The subject this serde registers under for {@code topic}. */
  public String subject(String topic) {
    return topic + (isKey ? "-key" : "-value");
  }

  /** Writes one value in the wire format, registering its schema on first use per topic. */
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    int id;
    try {
      id = idsBySubject.computeIfAbsent(subject(topic), s -> registry.register(s, readerSchema));
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot register the "
              + type.getSimpleName()
              + " schema for topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
      WireFormat.writeHeader(header, id);
      out.write(header.array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot write " + type.getSimpleName() + " to topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Reads one wire-format value; throws {@link SerializationException} saying what is wrong. */
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    int id = WireFormat.schemaId(bytes);
    DatumReader<T> reader;
    try {
      reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot read record of topic " + topic + " with schema id " + id + ": " + e.getMessage(),
          e);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Record of topic " + topic + " has trailing bytes after the Avro value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException(
          "Cannot decode "
              + type.getSimpleName()
              + " of topic "
              + topic
              + " (schema id "
              + id
              + "): "
              + e,
          e);
    }
  }

  private DatumReader<T> readerFor(int writerId) {
    Schema writerSchema = registry.schemaById(writerId);
    return new SpecificDatumReader<>(writerSchema, readerSchema, data);
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::deserialize;
  }
}
