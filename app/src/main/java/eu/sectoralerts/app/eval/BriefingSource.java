package eu.sectoralerts.app.eval;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the evaluation gets the items of a briefing file. */
@FunctionalInterface
public interface BriefingSource {

  /**
   * The items of the briefing at {@code file}.
   *
   * @throws IOException when the file cannot be read
   * @throws RuntimeException when it cannot be parsed, with a message for people
   */
  List<NewsItem> items(Path file) throws IOException;

  /** Items as {@code parser} makes them of the file's text, published as {@code publisher}. */
  static BriefingSource parsing(BriefingParser parser, String publisher) {
    return file ->
        parser
            .parse(
                file.getFileName().toString(),
                Files.readString(file, StandardCharsets.UTF_8),
                publisher)
            .items();
  }
}
