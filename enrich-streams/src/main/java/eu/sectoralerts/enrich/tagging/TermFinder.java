package eu.sectoralerts.enrich.tagging;

import java.util.List;

/**
 * Finds every occurrence of a fixed list of keywords in a text. The tagger hands it an item with
 * each token encoded as one character (and each phrase as the characters of its tokens, see {@code
 * CompiledTaxonomy}), so an occurrence always covers whole, consecutive tokens. A finder is built
 * once for its keyword list and then used by many threads at once.
 */
public interface TermFinder {

  /** Reports one occurrence: the keyword's index and the position of its first character. */
  @FunctionalInterface
  interface Sink {
    void found(int keyword, int position);
  }

  /** Builds a finder for a keyword list. */
  @FunctionalInterface
  interface Factory {
    TermFinder compile(List<String> keywords);
  }

  /** Reports every occurrence of every keyword in {@code normalizedText}, overlapping ones too. */
  void find(String normalizedText, Sink sink);
}
