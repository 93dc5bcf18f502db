package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.TaggedItem;
import java.util.Objects;

/** What became of one input record: tagged, or a dead letter. Only flows between processors. */
sealed interface EnrichOutcome {

  /** The item was read and tagged. */
  record Tagged(TaggedItem item) implements EnrichOutcome {
    public Tagged {
      Objects.requireNonNull(item, "item");
    }
  }

  /** The record could not be read or tagged. */
  record Failed(DeadLetter deadLetter) implements EnrichOutcome {
    public Failed {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }
}
