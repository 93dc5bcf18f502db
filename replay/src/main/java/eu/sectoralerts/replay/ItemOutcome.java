package eu.sectoralerts.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TextMatch;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What replaying one item gave: where it was read, the week it counts in, its tags under both
 * taxonomies with the tag changes explained, the watchlists it matched under each, and the alerts
 * that would be added or removed by the candidate.
 *
 * @param week ISO week ({@code 2025-W09}) of the event date, or of the record timestamp (UTC) when
 *     the item has none
 * @param liveWatchlists ids of the watchlists matched with the live tags, ordered
 * @param candidateWatchlists ids of the watchlists matched with the candidate tags, ordered
 * @param failures watchlists that could not be checked against the item, in words
 */
public record ItemOutcome(
    String itemId,
    int partition,
    long offset,
    long timestamp,
    String week,
    LocalDate eventDate,
    String kind,
    String title,
    Tags live,
    Tags candidate,
    List<TagChange> tagChanges,
    List<String> liveWatchlists,
    List<String> candidateWatchlists,
    List<AlertChange> added,
    List<AlertChange> removed,
    List<String> failures) {

  public ItemOutcome {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(week, "week");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(candidate, "candidate");
    tagChanges = List.copyOf(tagChanges);
    liveWatchlists = List.copyOf(liveWatchlists);
    candidateWatchlists = List.copyOf(candidateWatchlists);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    failures = List.copyOf(failures);
  }

  /** The tags of one side that matching looks at. */
  public record Tags(List<String> sectors, List<String> risks, String level, int score) {
    public Tags {
      sectors = List.copyOf(sectors);
      risks = List.copyOf(risks);
      Objects.requireNonNull(level, "level");
    }

    /** The first (primary) sector, or {@code none}. */
    @JsonIgnore
    public String primarySector() {
      return sectors.isEmpty() ? "none" : sectors.get(0);
    }
  }

  /**
   * A sector or risk one taxonomy gives and the other does not, with the rules that gave it.
   *
   * @param dimension {@code sector} or {@code risk}
   * @param change {@code gained} (candidate only) or {@code lost} (live only)
   * @param rules the rule ids of the side that gives it
   * @param words the words those rules matched, in order
   */
  public record TagChange(
      String dimension, String tag, String change, List<String> rules, List<String> words) {
    public TagChange {
      Objects.requireNonNull(dimension, "dimension");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(change, "change");
      rules = List.copyOf(rules);
      words = List.copyOf(words);
    }
  }

  /**
   * An alert only one side raises: for an added alert the candidate's tags and reasons, for a
   * removed one the live ones.
   */
  public record AlertChange(
      String alertId,
      String itemId,
      String title,
      String week,
      LocalDate eventDate,
      String subscriberId,
      String watchlistId,
      String watchlistName,
      List<String> sectors,
      List<String> risks,
      String level,
      List<Reason> reasons,
      List<TagChange> tagChanges) {
    public AlertChange {
      Objects.requireNonNull(alertId, "alertId");
      Objects.requireNonNull(subscriberId, "subscriberId");
      Objects.requireNonNull(watchlistId, "watchlistId");
      sectors = List.copyOf(sectors);
      risks = List.copyOf(risks);
      reasons = List.copyOf(reasons);
      tagChanges = List.copyOf(tagChanges);
    }
  }

  /** A watchlist criterion and what in the item met it (the matcher's {@code MatchReason}). */
  public record Reason(String criterion, List<String> matched, List<Highlight> highlights) {
    public Reason {
      Objects.requireNonNull(criterion, "criterion");
      matched = List.copyOf(matched);
      highlights = List.copyOf(highlights);
    }

    static Reason of(MatchReason reason) {
      return new Reason(
          reason.getCriterion(),
          List.copyOf(reason.getMatched()),
          reason.getHighlights().stream().map(Highlight::of).toList());
    }
  }

  /** Words a keyword query matched: field, offsets [start, end), text. */
  public record Highlight(String field, int start, int end, String text) {
    static Highlight of(TextMatch m) {
      return new Highlight(m.getField(), m.getStart(), m.getEnd(), m.getText());
    }
  }
}
