package eu.sectoralerts.ingest;

import java.util.ArrayList;
import java.util.List;

/** Test requests, built field by field from a valid policy item. */
final class Fixtures {

  private Fixtures() {}

  static Builder policyItem() {
    return new Builder();
  }

  /** A mutable builder, so each test states only the field it breaks. */
  static final class Builder {
    String id;
    String kind = "POLICY";
    String title = "Provincial plan backs hydrogen trucks on freight corridors";
    String body =
        "A coastal province set out a three-year plan to put fuel-cell lorries on its main freight"
            + " routes, with subsidies for refuelling stations built by local operators.";
    String eventDate = "2025-02-14";
    String section = "policy";
    String issuingBody = "Provincial Development and Reform Commission";
    String policyName = "Hydrogen Freight Action Plan (2025-2027)";
    String policyNameOriginal = "氢能货运行动方案";
    List<String> companies = new ArrayList<>(List.of("Example Fuel Cells Co."));
    List<ItemRequest.Source> sources =
        new ArrayList<>(
            List.of(new ItemRequest.Source("weekly-briefing.md", "https://example.org/brief")));
    String publisher = "analyst-ava";

    Builder id(String value) {
      id = value;
      return this;
    }

    Builder kind(String value) {
      kind = value;
      return this;
    }

    Builder title(String value) {
      title = value;
      return this;
    }

    Builder body(String value) {
      body = value;
      return this;
    }

    Builder eventDate(String value) {
      eventDate = value;
      return this;
    }

    Builder companies(List<String> value) {
      companies = value;
      return this;
    }

    Builder sources(List<ItemRequest.Source> value) {
      sources = value;
      return this;
    }

    Builder publisher(String value) {
      publisher = value;
      return this;
    }

    ItemRequest build() {
      return new ItemRequest(
          id,
          kind,
          title,
          body,
          eventDate,
          section,
          issuingBody,
          policyName,
          policyNameOriginal,
          companies,
          sources,
          publisher);
    }
  }
}
