package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  private static final String DOC =
      """
      {"openapi": "3.1.0",
       "paths": {"/things/{id}": {"get": {}, "delete": {}, "parameters": []},
                 "/things": {"post": {}}},
       "components": {"schemas": {
         "Thing": {"type": "object", "required": ["id", "size"],
                   "properties": {"id": {"type": "string"},
                                  "size": {"type": "integer"},
                                  "colour": {"type": ["string", "null"], "enum": ["red", "blue", null]},
                                  "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}}},
         "Part": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}}
      """;

  private final OpenApiDocument document =
      OpenApiDocument.parse(DOC.getBytes(StandardCharsets.UTF_8));
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldListEveryOperationAsMethodAndPath() {
    assertThat(document.version()).isEqualTo("3.1.0");
    assertThat(document.operations())
        .containsExactly("DELETE /things/{id}", "GET /things/{id}", "POST /things");
  }

  @Test
  void shouldAcceptAnInstanceThatFitsItsSchema() throws Exception {
    assertThat(
            document.problems(
                "Thing",
                mapper.readTree(
                    "{\"id\":\"t-1\",\"size\":3,\"colour\":null,\"parts\":[{\"name\":\"a\"}]}")))
        .isEmpty();
  }

  @Test
  void shouldNameEveryWayAnInstanceMissesItsSchema() throws Exception {
    assertThat(
            document.problems(
                "Thing",
                mapper.readTree(
                    "{\"size\":\"big\",\"colour\":\"green\",\"parts\":[{}],\"extra\":1}")))
        .containsExactlyInAnyOrder(
            "$: missing required property id",
            "$.size: expected \"integer\", got STRING",
            "$.colour: \"green\" is not one of [\"red\",\"blue\",null]",
            "$.parts[0]: missing required property name",
            "$: property extra is not in the schema");
  }

  @Test
  void shouldListTheRoutesJavalinRegisteredButNotItsFilters() {
    Javalin app =
        Javalin.create(
            config -> {
              config.routes.before("/things", ctx -> {});
              config.routes.get("/things/{id}", ctx -> {});
              config.routes.post("/things", ctx -> {});
            });
    assertThat(OpenApiDocument.routesOf(app)).containsExactly("GET /things/{id}", "POST /things");
  }
}
