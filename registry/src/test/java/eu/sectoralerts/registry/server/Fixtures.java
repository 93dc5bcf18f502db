package eu.sectoralerts.registry.server;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;

/** Schemas and records the server tests share. */
final class Fixtures {

  private Fixtures() {}

  /** A meter reading, first version. */
  static final String READING_V1 =
      """
      {"type": "record", "name": "Reading", "namespace": "test.registry",
       "fields": [{"name": "meter", "type": "string"}, {"name": "kwh", "type": "double"}]}
      """;

  /** Adds an optional field with a default: BACKWARD and FORWARD compatible with v1. */
  static final String READING_V2 =
      """
      {"type": "record", "name": "Reading", "namespace": "test.registry",
       "fields": [{"name": "meter", "type": "string"}, {"name": "kwh", "type": "double"},
                  {"name": "site", "type": ["null", "string"], "default": null}]}
      """;

  /** Adds a required field without a default: v1 data cannot be read with it (not BACKWARD). */
  static final String READING_REQUIRED_FIELD =
      """
      {"type": "record", "name": "Reading", "namespace": "test.registry",
       "fields": [{"name": "meter", "type": "string"}, {"name": "kwh", "type": "double"},
                  {"name": "tariff", "type": "string"}]}
      """;

  /** Drops {@code kwh}, which has no default: FORWARD-incompatible, BACKWARD-compatible. */
  static final String READING_WITHOUT_KWH =
      """
      {"type": "record", "name": "Reading", "namespace": "test.registry",
       "fields": [{"name": "meter", "type": "string"}]}
      """;

  static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  static SchemaInput input(String text) {
    return SchemaInput.parse(text, null, 0);
  }

  /** A policy item with every optional field filled, as a round trip must keep them. */
  static NewsItem railPlan() {
    return NewsItem.newBuilder()
        .setId("itm-0123456789abcdef")
        .setKind(ItemKind.POLICY)
        .setTitle("Provincial plan widens high-speed rail procurement")
        .setBody("A provincial transport bureau lists new rolling-stock tenders for 2026.")
        .setEventDate(LocalDate.of(2025, 3, 4))
        .setEventDatePrecision(DatePrecision.MONTH)
        .setSection("policy")
        .setIssuingBody("Provincial Transport Bureau")
        .setPolicyName("Rail Equipment Renewal Plan")
        .setPolicyNameOriginal("铁路装备更新计划")
        .setCompanies(List.of("CRRC", "Alstom"))
        .setSources(
            List.of(
                new SourceRef("briefing-2025-03.md", "https://example.org/rail"),
                new SourceRef("desk note", null)))
        .setPublisher("analyst-7")
        .setPublishedAt(Instant.ofEpochMilli(1_741_100_000_123L))
        .build();
  }
}
