package eu.sectoralerts.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for tests and {@code mock://} URLs: same ids, versions, errors and
 * BACKWARD compatibility rule as the real registry, nothing persisted.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    for (RegisteredSchema v : versions) {
      if (v.schema().equals(schema)) {
        return v.id();
      }
    }
    if (!versions.isEmpty()
        && !backwardCompatible(versions.get(versions.size() - 1).schema(), schema)) {
      throw new SchemaRegistryException(
          409,
          SchemaRegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\"");
    }
    int id = idBySchema.computeIfAbsent(schema, s -> byId.size() + 1);
    byId.putIfAbsent(id, schema);
    versions.add(new RegisteredSchema(subject, id, versions.size() + 1, schema));
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.get(subject);
    return versions == null
        || versions.isEmpty()
        || backwardCompatible(versions.get(versions.size() - 1).schema(), schema);
  }

  /** BACKWARD: data written with the previous schema can be read with the new one. */
  static boolean backwardCompatible(Schema previous, Schema candidate) {
    return SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
