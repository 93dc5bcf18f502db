package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

  private final ObjectMapper mapper = Json.newMapper();

  record Body(String title, int count, List<String> tags) {}

  @Test
  void shouldNameTheFieldWithTheWrongType() {
    ApiError error = parse("{\"title\":\"t\",\"count\":\"many\",\"tags\":[]}");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.fields()).extracting(ApiError.FieldError::field).containsExactly("count");
    assertThat(error.message()).contains("count").contains("many");
  }

  @Test
  void shouldDescribeTheExpectedTypeInJsonTerms() {
    ApiError error = parse("{\"title\":\"t\",\"count\":1,\"tags\":\"solo\"}");

    assertThat(error.fields()).extracting(ApiError.FieldError::field).containsExactly("tags");
    assertThat(error.message()).contains("expected a list");
  }

  @Test
  void shouldNameAnUnknownField() {
    ApiError error = parse("{\"title\":\"t\",\"count\":1,\"tagz\":[]}");

    assertThat(error.fields()).extracting(ApiError.FieldError::field).containsExactly("tagz");
    assertThat(error.message()).contains("unknown field");
  }

  @Test
  void shouldSayWhenTheBodyIsNotJsonAtAll() {
    ApiError error = parse("{\"title\": ");

    assertThat(error.error()).isEqualTo("invalid_json");
    assertThat(error.fields()).isEmpty();
  }

  private ApiError parse(String json) {
    try {
      mapper.readValue(json, Body.class);
      throw new AssertionError("expected a parse failure for " + json);
    } catch (JsonProcessingException e) {
      return HttpErrors.fromJson(e);
    }
  }
}
