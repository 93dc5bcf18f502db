package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static eu.sectoralerts.registry.server.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.registry.SchemaRegistryException;
import eu.sectoralerts.registry.server.SchemaRegistry.SubjectVersion;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

  private final InMemorySchemaStore store = new InMemorySchemaStore();
  private final SchemaRegistry registry = new SchemaRegistry(store);

  @Test
  void shouldGiveTheFirstSchemaIdOneAndVersionOne() {
    int id = registry.register("readings-value", input(READING_V1));

    assertThat(id).isEqualTo(1);
    assertThat(registry.version("readings-value", "latest", false))
        .isEqualTo(
            new StoreRecord.SchemaVersion(
                "readings-value", 1, 1, Fixtures.parse(READING_V1).toString(), false));
  }

  @Test
  void shouldReturnTheSameIdWithoutANewVersionWhenTheSameSchemaComesAgain() {
    int first = registry.register("readings-value", input(READING_V1));
    // Same schema, other layout: the canonical form decides.
    int again = registry.register("readings-value", input(READING_V1.replace(" ", "")));

    assertThat(again).isEqualTo(first);
    assertThat(registry.versions("readings-value", false)).containsExactly(1);
    assertThat(store.records()).hasSize(1);
  }

  @Test
  void shouldReuseTheGlobalIdOfASchemaRegisteredUnderAnotherSubject() {
    int inA = registry.register("a-value", input(READING_V1));
    registry.register("b-value", input(READING_V2));
    int inC = registry.register("c-value", input(READING_V1));

    assertThat(inC).isEqualTo(inA);
    assertThat(registry.subjectVersionsOf(inA, false))
        .containsExactly(new SubjectVersion("a-value", 1), new SubjectVersion("c-value", 1));
    assertThat(registry.schemaCount()).isEqualTo(2);
  }

  @Test
  void shouldRegisterACompatibleEvolutionAsTheNextVersionWithTheNextId() {
    registry.register("readings-value", input(READING_V1));
    int v2 = registry.register("readings-value", input(READING_V2));

    assertThat(v2).isEqualTo(2);
    assertThat(registry.versions("readings-value", false)).containsExactly(1, 2);
    assertThat(registry.version("readings-value", "2", false).id()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnIncompatibleEvolutionWith409AndStoreNothing() {
    registry.register("readings-value", input(READING_V1));

    assertThatThrownBy(() -> registry.register("readings-value", input(READING_REQUIRED_FIELD)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("readings-value", "BACKWARD", "tariff");
            });
    assertThat(store.records()).hasSize(1);
  }

  @Test
  void shouldApplyTheSubjectsOwnLevelBeforeTheGlobalOne() {
    registry.register("readings-value", input(READING_V1));
    registry.setSubjectLevel("readings-value", CompatibilityLevel.NONE);

    int id = registry.register("readings-value", input(READING_REQUIRED_FIELD));

    assertThat(id).isEqualTo(2);
    assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.subjectLevel("readings-value")).contains(CompatibilityLevel.NONE);
    assertThat(registry.removeSubjectLevel("readings-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(registry.subjectLevel("readings-value")).isEmpty();
  }

  @Test
  void shouldReportCompatibilityProblemsWithoutRegistering() {
    registry.register("readings-value", input(READING_V1));

    assertThat(registry.compatibilityProblems("readings-value", "latest", input(READING_V2)))
        .isEmpty();
    assertThat(registry.compatibilityProblems("readings-value", "1", input(READING_REQUIRED_FIELD)))
        .hasSize(1);
    assertThat(registry.versions("readings-value", false)).containsExactly(1);
  }

  @Test
  void shouldFindWhichVersionOfASubjectHoldsASchema() {
    registry.register("readings-value", input(READING_V1));
    registry.register("readings-value", input(READING_V2));

    assertThat(registry.lookup("readings-value", input(READING_V1), false).version()).isEqualTo(1);
    assertError(
        () -> registry.lookup("readings-value", input(READING_REQUIRED_FIELD), false), 404, 40403);
    assertError(() -> registry.lookup("nothing-value", input(READING_V1), false), 404, 40401);
  }

  @Test
  void shouldAnswerConfluentErrorCodesForMissingThings() {
    registry.register("readings-value", input(READING_V1));

    assertError(() -> registry.schemaText(99), 404, 40403);
    assertError(() -> registry.version("nothing-value", "latest", false), 404, 40401);
    assertError(() -> registry.version("readings-value", "7", false), 404, 40402);
    assertError(() -> registry.version("readings-value", "0", false), 422, 42202);
    assertError(() -> registry.version("readings-value", "newest", false), 422, 42202);
    assertError(() -> registry.removeSubjectLevel("readings-value"), 404, 40408);
  }

  @Test
  void shouldRefuseInvalidAndNonAvroSchemasWith42201() {
    assertError(() -> input("{\"type\": \"record\", \"name\": \"x\"}"), 422, 42201);
    assertError(() -> input("not json"), 422, 42201);
    assertError(() -> SchemaInput.parse(READING_V1, "PROTOBUF", 0), 422, 42201);
    assertError(() -> SchemaInput.parse(READING_V1, null, 1), 422, 42201);
    assertError(() -> SchemaInput.parse(null, null, 0), 422, 42201);
  }

  @Test
  void shouldRefuseBlankSubjectsWith42208() {
    assertError(() -> registry.register(" ", input(READING_V1)), 422, 42208);
    assertError(() -> registry.register("bad\u0000subject", input(READING_V1)), 422, 42208);
    assertError(() -> registry.setSubjectLevel("", CompatibilityLevel.NONE), 422, 42208);
    assertThat(store.records()).isEmpty();
  }

  @Test
  void shouldHideSoftDeletedSubjectsButNeverReuseTheirIdsOrVersions() {
    registry.register("readings-value", input(READING_V1));
    registry.register("readings-value", input(READING_V2));

    assertThat(registry.deleteSubject("readings-value")).containsExactly(1, 2);

    assertThat(registry.subjects(false)).isEmpty();
    assertThat(registry.subjects(true)).containsExactly("readings-value");
    assertError(() -> registry.versions("readings-value", false), 404, 40401);
    assertError(() -> registry.deleteSubject("readings-value"), 404, 40404);
    assertThat(registry.schemaText(1)).isEqualTo(Fixtures.parse(READING_V1).toString());
    // Registered again after the delete: same id, next version, and no compatibility history.
    assertThat(registry.register("readings-value", input(READING_REQUIRED_FIELD))).isEqualTo(3);
    assertThat(registry.register("readings-value", input(READING_V1))).isEqualTo(1);
    assertThat(registry.versions("readings-value", false)).containsExactly(3, 4);
  }

  @Test
  void shouldSoftDeleteOneVersion() {
    registry.register("readings-value", input(READING_V1));
    registry.register("readings-value", input(READING_V2));

    assertThat(registry.deleteVersion("readings-value", "latest")).isEqualTo(2);

    assertThat(registry.versions("readings-value", false)).containsExactly(1);
    assertError(() -> registry.deleteVersion("readings-value", "2"), 404, 40406);
    assertThat(registry.version("readings-value", "2", true).deleted()).isTrue();
  }

  @Test
  void shouldRebuildTheSameStateFromTheStoreAfterARestart() {
    registry.register("readings-value", input(READING_V1));
    registry.register("readings-value", input(READING_V2));
    registry.register("other-value", input(READING_REQUIRED_FIELD));
    registry.setGlobalLevel(CompatibilityLevel.FULL);
    registry.setSubjectLevel("other-value", CompatibilityLevel.NONE);
    registry.deleteVersion("readings-value", "1");

    SchemaRegistry restarted = new SchemaRegistry(store.reopen());

    assertThat(restarted.subjects(true)).containsExactly("other-value", "readings-value");
    assertThat(restarted.versions("readings-value", true)).containsExactly(1, 2);
    assertThat(restarted.versions("readings-value", false)).containsExactly(2);
    assertThat(restarted.version("other-value", "1", false).id()).isEqualTo(3);
    assertThat(restarted.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(restarted.subjectLevel("other-value")).contains(CompatibilityLevel.NONE);
    assertThat(restarted.register("third-value", input(Fixtures.READING_WITHOUT_KWH))).isEqualTo(4);
  }

  @Test
  void shouldLeaveItsStateUnchangedWhenTheStoreRefusesAWrite() {
    SchemaRegistry failing = new SchemaRegistry(new FailingStore());

    assertError(() -> failing.register("readings-value", input(READING_V1)), 500, 50001);
    assertThat(failing.subjects(true)).isEmpty();
    assertThat(failing.schemaCount()).isZero();
  }

  private static void assertError(Runnable call, int status, int errorCode) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).as("status").isEqualTo(status);
              assertThat(e.errorCode()).as("error code").isEqualTo(errorCode);
            });
  }

  /** A store whose writes fail, as a Kafka topic that cannot be reached. */
  private static final class FailingStore implements SchemaStore {
    @Override
    public void catchUp(Consumer<StoreRecord> sink) {}

    @Override
    public void append(StoreRecord record) {
      throw new SchemaStoreException("broker not reachable");
    }

    @Override
    public String describe() {
      return "failing";
    }

    @Override
    public void close() {}
  }
}
