package eu.sectoralerts.registry.server;

import eu.sectoralerts.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules on top of a {@link SchemaStore}: subjects hold numbered versions; the same
 * schema keeps one global id across subjects; registering a schema a subject already holds returns
 * its id without a new version; a new version must pass the subject's compatibility level (its own,
 * else the global one, BACKWARD by default). Ids and versions are never reused, also after a soft
 * delete. Every change is stored before it is applied; failures are {@link
 * SchemaRegistryException}s with Confluent's status and error code. Thread-safe: reads run in
 * parallel, writes one at a time.
 */
public final class SchemaRegistry {

  /** The global level until one is set. */
  public static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

  private final SchemaStore store;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, TreeMap<Integer, StoreRecord.SchemaVersion>> subjects = new HashMap<>();
  private final Map<Integer, String> textById = new HashMap<>();
  private final Map<Integer, Schema> schemaById = new HashMap<>();
  private final Map<String, Integer> idByText = new HashMap<>();
  private final Map<String, Integer> lastVersions = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
  private int maxId;

  /**
   * A registry with the state stored so far in {@code store}, which it reads to the end now.
   *
   * @throws SchemaStoreException when the store cannot be read
   */
  public SchemaRegistry(SchemaStore store) {
    this.store = Objects.requireNonNull(store, "store");
    store.catchUp(this::apply);
  }

  /**
   * Registers a schema under a subject, or finds it there, and returns its global id.
   *
   * @throws SchemaRegistryException 409 when it is incompatible with the subject's versions
   */
  public int register(String subject, SchemaInput input) {
    requireValidSubject(subject);
    Objects.requireNonNull(input, "input");
    return write(
        "registering a schema",
        () -> {
          TreeMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
          List<StoreRecord.SchemaVersion> live = live(versions);
          for (StoreRecord.SchemaVersion v : live) {
            if (v.schema().equals(input.canonical())) {
              return v.id();
            }
          }
          List<String> problems = effectiveLevel(subject).problems(input.schema(), previous(live));
          if (!problems.isEmpty()) {
            throw new SchemaRegistryException(
                409,
                RegistryErrors.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject
                    + "\" (compatibility "
                    + effectiveLevel(subject)
                    + "), details: "
                    + problems);
          }
          int id = idByText.getOrDefault(input.canonical(), maxId + 1);
          int version = lastVersions.getOrDefault(subject, 0) + 1;
          StoreRecord.SchemaVersion record =
              new StoreRecord.SchemaVersion(subject, version, id, input.canonical(), false);
          store.append(record);
          apply(record);
          LOG.info("Registered schema id {} as version {} of subject {}", id, version, subject);
          return id;
        });
  }

  /**
   * The version of {@code subject} that holds this schema.
   *
   * @throws SchemaRegistryException 404 / 40401 when the subject has no versions, 40403 when none
   *     holds the schema
   */
  public StoreRecord.SchemaVersion lookup(
      String subject, SchemaInput input, boolean includeDeleted) {
    return read(
        () -> {
          List<StoreRecord.SchemaVersion> versions = versionsOf(subject, includeDeleted);
          for (StoreRecord.SchemaVersion v : versions) {
            if (v.schema().equals(input.canonical())) {
              return v;
            }
          }
          throw RegistryErrors.schemaNotFound();
        });
  }

  /** The canonical text of the schema with this id; 404 / 40403 when unknown. */
  public String schemaText(int id) {
    return read(
        () -> {
          String text = textById.get(id);
          if (text == null) {
            throw RegistryErrors.schemaNotFound(id);
          }
          return text;
        });
  }

  /** The (subject, version) pairs that hold the schema with this id; 404 / 40403 when unknown. */
  public List<SubjectVersion> subjectVersionsOf(int id, boolean includeDeleted) {
    return read(
        () -> {
          if (!textById.containsKey(id)) {
            throw RegistryErrors.schemaNotFound(id);
          }
          List<SubjectVersion> found = new ArrayList<>();
          subjects.keySet().stream()
              .sorted()
              .forEach(
                  subject ->
                      subjects.get(subject).values().stream()
                          .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                          .forEach(v -> found.add(new SubjectVersion(subject, v.version()))));
          return found;
        });
  }

  /** Subjects with at least one version (soft-deleted ones too when asked), sorted. */
  public List<String> subjects(boolean includeDeleted) {
    return read(
        () ->
            subjects.entrySet().stream()
                .filter(
                    e ->
                        e.getValue().values().stream()
                            .anyMatch(v -> includeDeleted || !v.deleted()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList());
  }

  /** The subject's version numbers, ascending; 404 / 40401 when it has none. */
  public List<Integer> versions(String subject, boolean includeDeleted) {
    return read(
        () ->
            versionsOf(subject, includeDeleted).stream()
                .map(StoreRecord.SchemaVersion::version)
                .toList());
  }

  /**
   * One version of a subject.
   *
   * @param version a number from 1, or {@code latest} (also {@code -1})
   * @throws SchemaRegistryException 422 / 42202 for a malformed version, 404 / 40401 or 40402
   */
  public StoreRecord.SchemaVersion version(String subject, String version, boolean includeDeleted) {
    VersionSpec spec = VersionSpec.parse(version);
    return read(() -> find(subject, spec, includeDeleted));
  }

  /**
   * Why {@code input} may not be registered as the next version of {@code subject}, checked against
   * {@code version} (against every version the subject's level asks for when {@code latest}); empty
   * when it may.
   *
   * @throws SchemaRegistryException 404 / 40401 when the subject has no versions, 40402 when the
   *     version does not exist
   */
  public List<String> compatibilityProblems(String subject, String version, SchemaInput input) {
    VersionSpec spec = VersionSpec.parse(version);
    return read(
        () -> {
          List<StoreRecord.SchemaVersion> against =
              spec.latest() ? versionsOf(subject, false) : List.of(find(subject, spec, false));
          return effectiveLevel(subject).problems(input.schema(), previous(against));
        });
  }

  /** The global compatibility level. */
  public CompatibilityLevel globalLevel() {
    return read(() -> globalLevel);
  }

  /** The subject's own compatibility level, if it has one. */
  public Optional<CompatibilityLevel> subjectLevel(String subject) {
    return read(() -> Optional.ofNullable(subjectLevels.get(subject)));
  }

  /** Sets the global compatibility level. */
  public void setGlobalLevel(CompatibilityLevel level) {
    Objects.requireNonNull(level, "level");
    storeConfig(new StoreRecord.Config(null, level));
  }

  /** Sets the subject's own compatibility level. */
  public void setSubjectLevel(String subject, CompatibilityLevel level) {
    requireValidSubject(subject);
    Objects.requireNonNull(level, "level");
    storeConfig(new StoreRecord.Config(subject, level));
  }

  /**
   * Removes the subject's own level, so the global one applies, and returns the removed one.
   *
   * @throws SchemaRegistryException 404 / 40408 when the subject has no level of its own
   */
  public CompatibilityLevel removeSubjectLevel(String subject) {
    return write(
        "removing a compatibility level",
        () -> {
          CompatibilityLevel previous = subjectLevels.get(subject);
          if (previous == null) {
            throw RegistryErrors.subjectLevelNotConfigured(subject);
          }
          StoreRecord.Config record = new StoreRecord.Config(subject, null);
          store.append(record);
          apply(record);
          return previous;
        });
  }

  /**
   * Soft-deletes every version of a subject and returns their numbers. Their ids stay readable by
   * id, and are never given to another schema.
   *
   * @throws SchemaRegistryException 404 / 40401 when there is no such subject, 40404 when it is
   *     soft-deleted already
   */
  public List<Integer> deleteSubject(String subject) {
    return write(
        "deleting a subject",
        () -> {
          TreeMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
          List<StoreRecord.SchemaVersion> live = live(versions);
          if (live.isEmpty()) {
            throw versions == null || versions.isEmpty()
                ? RegistryErrors.subjectNotFound(subject)
                : RegistryErrors.subjectSoftDeleted(subject);
          }
          for (StoreRecord.SchemaVersion v : live) {
            StoreRecord.SchemaVersion deleted = v.asDeleted();
            store.append(deleted);
            apply(deleted);
          }
          LOG.info("Soft-deleted subject {} ({} versions)", subject, live.size());
          return live.stream().map(StoreRecord.SchemaVersion::version).toList();
        });
  }

  /**
   * Soft-deletes one version of a subject and returns its number.
   *
   * @throws SchemaRegistryException 404 / 40401, 40402, or 40406 when soft-deleted already
   */
  public int deleteVersion(String subject, String version) {
    VersionSpec spec = VersionSpec.parse(version);
    return write(
        "deleting a version",
        () -> {
          StoreRecord.SchemaVersion found = find(subject, spec, true);
          if (found.deleted()) {
            throw RegistryErrors.versionSoftDeleted(subject, found.version());
          }
          StoreRecord.SchemaVersion deleted = found.asDeleted();
          store.append(deleted);
          apply(deleted);
          return found.version();
        });
  }

  /** How many schemas (distinct ids) the registry holds. */
  public int schemaCount() {
    return read(textById::size);
  }

  /** How many subjects have a live version. */
  public int subjectCount() {
    return subjects(false).size();
  }

  private void storeConfig(StoreRecord.Config record) {
    write(
        "setting a compatibility level",
        () -> {
          store.append(record);
          apply(record);
          LOG.info(
              "Compatibility level of {} set to {}",
              record.subject() == null ? "the registry" : "subject " + record.subject(),
              record.level());
          return null;
        });
  }

  private StoreRecord.SchemaVersion find(String subject, VersionSpec spec, boolean includeDeleted) {
    if (spec.latest()) {
      List<StoreRecord.SchemaVersion> versions = versionsOf(subject, includeDeleted);
      return versions.get(versions.size() - 1);
    }
    TreeMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
    if (versions == null || live(versions).isEmpty() && !includeDeleted) {
      throw RegistryErrors.subjectNotFound(subject);
    }
    StoreRecord.SchemaVersion found = versions.get(spec.number());
    if (found == null || found.deleted() && !includeDeleted) {
      throw RegistryErrors.versionNotFound(spec.number());
    }
    return found;
  }

  /** The subject's versions, ascending; 40401 when there are none. */
  private List<StoreRecord.SchemaVersion> versionsOf(String subject, boolean includeDeleted) {
    TreeMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
    List<StoreRecord.SchemaVersion> found =
        versions == null
            ? List.of()
            : versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    if (found.isEmpty()) {
      throw RegistryErrors.subjectNotFound(subject);
    }
    return found;
  }

  private static List<StoreRecord.SchemaVersion> live(
      TreeMap<Integer, StoreRecord.SchemaVersion> versions) {
    return versions == null
        ? List.of()
        : versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  private List<CompatibilityLevel.Previous> previous(List<StoreRecord.SchemaVersion> versions) {
    return versions.stream()
        .map(v -> new CompatibilityLevel.Previous(v.version(), schemaById.get(v.id())))
        .toList();
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** Applies one stored record; idempotent, as records may be read back after being written. */
  private void apply(StoreRecord record) {
    if (record instanceof StoreRecord.SchemaVersion v) {
      applySchemaVersion(v);
    } else if (record instanceof StoreRecord.ForeignVersion f) {
      take(f.subject(), f.version(), f.id());
    } else {
      StoreRecord.Config c = (StoreRecord.Config) record;
      if (c.subject() == null) {
        globalLevel = c.level();
      } else if (c.level() == null) {
        subjectLevels.remove(c.subject());
      } else {
        subjectLevels.put(c.subject(), c.level());
      }
    }
  }

  private void applySchemaVersion(StoreRecord.SchemaVersion v) {
    // Even a version it cannot use takes its id and number: neither is ever given again.
    take(v.subject(), v.version(), v.id());
    String known = textById.get(v.id());
    StoreRecord.SchemaVersion canonical = v;
    if (known == null || !known.equals(v.schema())) {
      Schema schema;
      try {
        schema = new Schema.Parser().parse(v.schema());
      } catch (RuntimeException e) {
        LOG.warn(
            "Ignoring stored version {} of subject {}: its schema does not parse: {}",
            v.version(),
            v.subject(),
            e.getMessage());
        return;
      }
      String text = schema.toString();
      if (known != null && !known.equals(text)) {
        LOG.warn(
            "Stored version {} of subject {} gives id {} to a different schema than before;"
                + " keeping the first",
            v.version(),
            v.subject(),
            v.id());
        text = known;
      } else {
        schemaById.putIfAbsent(v.id(), schema);
        textById.putIfAbsent(v.id(), text);
      }
      canonical =
          new StoreRecord.SchemaVersion(v.subject(), v.version(), v.id(), text, v.deleted());
    }
    idByText.putIfAbsent(canonical.schema(), canonical.id());
    subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), canonical);
  }

  private static void requireValidSubject(String subject) {
    if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryErrors.invalidSubject(String.valueOf(subject));
    }
  }

  private void take(String subject, int version, int id) {
    maxId = Math.max(maxId, id);
    lastVersions.merge(subject, version, Math::max);
  }

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs a change alone, after catching up with the store so it decides on the stored state. */
  private <T> T write(String what, Supplier<T> body) {
    lock.writeLock().lock();
    try {
      store.catchUp(this::apply);
      return body.get();
    } catch (SchemaStoreException e) {
      LOG.error("Schema store ({}) failed while {}", store.describe(), what, e);
      throw RegistryErrors.storeError(what, e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * A (subject, version) pair.
   *
   * @param subject the subject
   * @param version the version within it
   */
  public record SubjectVersion(String subject, int version) {
    public SubjectVersion {
      Objects.requireNonNull(subject, "subject");
    }
  }

  /** A version as a path gives it: a number from 1, or latest. */
  private record VersionSpec(boolean latest, int number) {
    static VersionSpec parse(String text) {
      if (text == null) {
        throw RegistryErrors.invalidVersion("null");
      }
      if ("latest".equalsIgnoreCase(text) || "-1".equals(text)) {
        return new VersionSpec(true, -1);
      }
      try {
        int n = Integer.parseInt(text);
        if (n >= 1) {
          return new VersionSpec(false, n);
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
      throw RegistryErrors.invalidVersion(text);
    }
  }
}
