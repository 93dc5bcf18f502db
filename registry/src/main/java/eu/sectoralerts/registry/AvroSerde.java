package eu.sectoralerts.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
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
 *
 * <p>{@link #forValuesSharing} makes a serde for values that often share one nested record (the
 * alerts of one item all carry that item): the shared record is encoded once and its bytes reused
 * while the next values carry the same instance. The bytes are exactly those of the plain serde.
 *
 * <p>{@link #reusingReadBytes} makes a serde that writes a value it has just read as the bytes it
 * read it from, when they name the schema id it would write with: a topology that reads records
 * only to file them in a store (the alerts inbox) then copies them instead of encoding them again.
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
  private final String sharedField;

  /** The value read last and its bytes; null unless {@link #reusingReadBytes}. */
  private final AtomicReference<Read> lastRead;

  /**
   * About the size of the last value written: alerts of 1.5 KB grown from a small buffer were
   * copied three times each. Racy on purpose, being only a hint.
   */
  private int sizeHint = 256;

  /** A value as read, and the wire-format bytes it was read from. */
  private record Read(Object value, int schemaId, byte[] bytes) {}

  private AvroSerde(
      SchemaRegistryClient registry,
      Class<T> type,
      boolean isKey,
      String sharedField,
      boolean reuseReadBytes) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.type = Objects.requireNonNull(type, "type");
    this.isKey = isKey;
    this.sharedField = sharedField;
    this.lastRead = reuseReadBytes ? new AtomicReference<>() : null;
    this.data = SpecificData.getForClass(type);
    this.readerSchema = data.getSchema(type);
    this.writer =
        sharedField == null
            ? new SpecificDatumWriter<>(readerSchema, data)
            : new SharingWriter<>(readerSchema, data, sharedField);
  }

  /** Serde for record values of the given generated class. */
  public static <T extends SpecificRecord> AvroSerde<T> forValues(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, false, null, false);
  }

  /**
   * Serde for record values of the given generated class whose record field {@code sharedField} is
   * often the very same instance in consecutive values. Such an instance is encoded once; it must
   * not be changed after a value carrying it was serialized.
   *
   * @throws IllegalArgumentException when the class has no record field of that name
   */
  public static <T extends SpecificRecord> AvroSerde<T> forValuesSharing(
      SchemaRegistryClient registry, Class<T> type, String sharedField) {
    return new AvroSerde<>(
        registry, type, false, Objects.requireNonNull(sharedField, "field"), false);
  }

  /** Serde for record keys of the given generated class. */
  public static <T extends SpecificRecord> AvroSerde<T> forKeys(
      SchemaRegistryClient registry, Class<T> type) {
    return new AvroSerde<>(registry, type, true, null, false);
  }

  /**
   * This serde, but writing the value it read last as the very bytes it was read from, when they
   * carry the schema id it would write under (the registry gives a schema one id in every subject):
   * no encoding, only a copy by whoever stores them. Those bytes decode to an equal value; a value
   * changed after it was read must not be written with this serde, which would write the bytes of
   * what was read. Any other value is encoded as usual.
   */
  public AvroSerde<T> reusingReadBytes() {
    return new AvroSerde<>(registry, type, isKey, sharedField, true);
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
    if (lastRead != null) {
      Read read = lastRead.get();
      if (read != null && read.value() == value && read.schemaId() == id) {
        return read.bytes();
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
      ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
      WireFormat.writeHeader(header, id);
      out.write(header.array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(value, encoder);
      encoder.flush();
      sizeHint = Math.max(256, out.size() + out.size() / 8);
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
      if (lastRead != null) {
        lastRead.set(new Read(value, id, bytes));
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

  /**
   * Writes one field's value through a cache of the last instance written and its bytes. An Avro
   * record's binary form is its fields' forms one after the other, so the cached bytes stand for
   * the field exactly.
   */
  private static final class SharingWriter<T> extends SpecificDatumWriter<T> {

    private record Encoded(Object value, byte[] bytes) {}

    private final Schema.Field shared;
    private final SpecificDatumWriter<Object> fieldWriter;
    // One immutable pair, so that stream threads sharing the serde never see a torn entry.
    private final AtomicReference<Encoded> last = new AtomicReference<>();

    SharingWriter(Schema schema, SpecificData data, String fieldName) {
      super(schema, data);
      this.shared = schema.getField(fieldName);
      if (shared == null || !isRecord(shared.schema())) {
        throw new IllegalArgumentException(
            schema.getFullName() + " has no record field named " + fieldName);
      }
      this.fieldWriter = new SpecificDatumWriter<>(shared.schema(), data);
    }

    private static boolean isRecord(Schema schema) {
      if (schema.getType() == Schema.Type.UNION) {
        return schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.RECORD);
      }
      return schema.getType() == Schema.Type.RECORD;
    }

    @Override
    protected void writeField(Object datum, Schema.Field f, Encoder out, Object state)
        throws IOException {
      if (f != shared) {
        super.writeField(datum, f, out, state);
        return;
      }
      Object value = getSpecificData().getField(datum, f.name(), f.pos());
      if (value == null) {
        super.writeField(datum, f, out, state);
        return;
      }
      Encoded cached = last.get();
      if (cached == null || cached.value() != value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        fieldWriter.write(value, encoder);
        encoder.flush();
        cached = new Encoded(value, bytes.toByteArray());
        last.set(cached);
      }
      out.writeFixed(cached.bytes());
    }
  }
}
