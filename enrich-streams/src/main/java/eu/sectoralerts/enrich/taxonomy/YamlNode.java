package eu.sectoralerts.enrich.taxonomy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its line, so that validation can say where a
 * problem is (Jackson's own trees forget positions). Read with {@link #parse}; a syntax error or a
 * key written twice in one mapping is a {@link TaxonomyException} naming file and line.
 */
sealed interface YamlNode {

  /** 1-based line where the node starts. */
  int line();

  /** What the node is, for messages: "a mapping", "a list", "a text". */
  String describe();

  /** A scalar, kept as the text written (numbers and booleans too). */
  record Scalar(String text, int line) implements YamlNode {
    @Override
    public String describe() {
      return "the value '" + text + "'";
    }
  }

  /** A sequence. */
  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A mapping with string keys, in the order written; each key keeps its own line. */
  record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping and its value. */
  record Entry(String key, int keyLine, YamlNode value) {}

  /** The empty value ({@code ~}, {@code null} or nothing). */
  record Null(int line) implements YamlNode {
    @Override
    public String describe() {
      return "nothing";
    }
  }

  /** Parses one YAML document; {@code source} names it in error messages. */
  static YamlNode parse(String source, String text) {
    YAMLFactory factory = new YAMLFactory();
    try (Reader reader = new StringReader(text);
        JsonParser parser = factory.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new TaxonomyException(List.of(new TaxonomyException.Problem(source, 1, "is empty")));
      }
      return read(source, parser);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      int line = location == null ? 0 : location.getLineNr();
      String message = e.getOriginalMessage().replaceAll("\\s+", " ").trim();
      throw new TaxonomyException(
          List.of(new TaxonomyException.Problem(source, line, "is not valid YAML: " + message)));
    } catch (IOException e) {
      throw new TaxonomyException(
          List.of(new TaxonomyException.Problem(source, 0, "cannot be read: " + e.getMessage())));
    }
  }

  private static YamlNode read(String source, JsonParser parser) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          parser.nextToken();
          YamlNode value = read(source, parser);
          Entry previous = entries.put(key, new Entry(key, keyLine, value));
          if (previous != null) {
            throw new TaxonomyException(
                List.of(
                    new TaxonomyException.Problem(
                        source,
                        keyLine,
                        "key '"
                            + key
                            + "' is written twice in one mapping (first on line "
                            + previous.keyLine()
                            + ")")));
          }
        }
        return new Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(source, parser));
        }
        return new Sequence(items, line);
      }
      case VALUE_NULL -> {
        return new Null(line);
      }
      default -> {
        return new Scalar(parser.getText(), line);
      }
    }
  }
}
