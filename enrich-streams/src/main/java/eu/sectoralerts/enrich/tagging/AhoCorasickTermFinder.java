package eu.sectoralerts.enrich.tagging;

import java.util.List;
import org.ahocorasick.trie.PayloadTrie;

/**
 * The {@link TermFinder} of the tagger: one Aho-Corasick automaton over all keywords of a taxonomy
 * (org.ahocorasick), so a text is read once whatever the number of keywords. Overlapping and nested
 * occurrences are all reported; the tagger decides which count.
 */
public final class AhoCorasickTermFinder implements TermFinder {

  private final PayloadTrie<Integer> trie;

  private AhoCorasickTermFinder(PayloadTrie<Integer> trie) {
    this.trie = trie;
  }

  /** A finder for {@code keywords}; each must be non-empty, and they must be distinct. */
  public static AhoCorasickTermFinder compile(List<String> keywords) {
    PayloadTrie.PayloadTrieBuilder<Integer> builder = PayloadTrie.builder();
    for (int i = 0; i < keywords.size(); i++) {
      String keyword = keywords.get(i);
      if (keyword.isEmpty()) {
        throw new IllegalArgumentException("keyword " + i + " is empty");
      }
      builder.addKeyword(keyword, i);
    }
    return new AhoCorasickTermFinder(builder.build());
  }

  @Override
  public void find(String normalizedText, Sink sink) {
    trie.parseText(
        normalizedText,
        emit -> {
          sink.found(emit.getPayload(), emit.getStart());
          return true;
        });
  }
}
