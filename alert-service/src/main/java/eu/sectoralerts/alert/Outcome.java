package eu.sectoralerts.alert;

import eu.sectoralerts.avro.DeadLetter;
import java.util.Objects;

/**
 * The result of a topology step that can fail on one record: the value, or the dead letter that
 * replaces it. Steps pass a failure on unchanged, so the topology routes all failures to the
 * dead-letter topic in one place.
 */
sealed interface Outcome<V> permits Outcome.Ok, Outcome.Failed {

  /** A value, with the original record value bytes a later failure must still report. */
  record Ok<V>(V value, byte[] rawValue) implements Outcome<V> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A record given up on. */
  record Failed<V>(DeadLetter deadLetter) implements Outcome<V> {
    public Failed {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }
}
