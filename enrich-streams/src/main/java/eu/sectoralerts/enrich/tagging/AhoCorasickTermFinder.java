package eu.sectoralerts.enrich.tagging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TermFinder} of the tagger: one Aho-Corasick automaton over all keywords, so a text is
 * read once whatever the number of keywords. Every occurrence is reported, nested and overlapping
 * ones too (the tagger decides which count), in the order of their last character; of those ending
 * together, the longest first.
 *
 * <p>The automaton lives in flat int arrays rather than objects and maps: a text character is
 * turned into a dense symbol by one array read, a character of no keyword (most tokens of an item
 * are words of no phrase) sends the search straight back to the root, the root's transitions are a
 * table indexed by symbol, and the other states' few transitions sorted runs of one array. Each
 * state lists every keyword ending there, those of its failure chain included, so a match needs no
 * walk up that chain.
 */
public final class AhoCorasickTermFinder implements TermFinder {

  /** For each char, its symbol: 1 and up for chars of some keyword, 0 for the others. */
  private final char[] symbolOf;

  /** The root's transitions by symbol; 0 (the root itself) where none. */
  private final int[] rootNext;

  /** The transitions of state s are {@code edgeSymbol/edgeTarget[edgeStart[s], edgeStart[s+1])}. */
  private final int[] edgeStart;

  private final char[] edgeSymbol;
  private final int[] edgeTarget;
  private final int[] failure;

  /** The keywords ending in state s are {@code outKeyword[outStart[s], outStart[s+1])}. */
  private final int[] outStart;

  private final int[] outKeyword;
  private final int[] keywordLength;

  private AhoCorasickTermFinder(
      char[] symbolOf,
      int[] rootNext,
      int[] edgeStart,
      char[] edgeSymbol,
      int[] edgeTarget,
      int[] failure,
      int[] outStart,
      int[] outKeyword,
      int[] keywordLength) {
    this.symbolOf = symbolOf;
    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.edgeSymbol = edgeSymbol;
    this.edgeTarget = edgeTarget;
    this.failure = failure;
    this.outStart = outStart;
    this.outKeyword = outKeyword;
    this.keywordLength = keywordLength;
  }

  /** A finder for {@code keywords}; each must be non-empty, and they must be distinct. */
  public static AhoCorasickTermFinder compile(List<String> keywords) {
    return new Builder(keywords).build();
  }

  @Override
  public void find(String normalizedText, Sink sink) {
    int state = 0;
    for (int i = 0, n = normalizedText.length(); i < n; i++) {
      int symbol = symbolOf[normalizedText.charAt(i)];
      if (symbol == 0) {
        state = 0;
        continue;
      }
      state = next(state, symbol);
      for (int o = outStart[state], end = outStart[state + 1]; o < end; o++) {
        int keyword = outKeyword[o];
        sink.found(keyword, i - keywordLength[keyword] + 1);
      }
    }
  }

  private int next(int state, int symbol) {
    while (state != 0) {
      int target = edge(state, symbol);
      if (target >= 0) {
        return target;
      }
      state = failure[state];
    }
    return rootNext[symbol];
  }

  /** The transition of {@code state} on {@code symbol}, or -1. */
  private int edge(int state, int symbol) {
    int low = edgeStart[state];
    int high = edgeStart[state + 1] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int s = edgeSymbol[mid];
      if (s < symbol) {
        low = mid + 1;
      } else if (s > symbol) {
        high = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return -1;
  }

  /** The trie in maps, then flattened; maps only while compiling. */
  private static final class Builder {
    private final List<String> keywords;
    private final char[] symbolOf = new char[Character.MAX_VALUE + 1];
    private int symbols = 1;
    private final List<Map<Integer, Integer>> children = new ArrayList<>();
    private final List<Integer> ownKeyword = new ArrayList<>();

    Builder(List<String> keywords) {
      this.keywords = keywords;
      newState();
      for (int k = 0; k < keywords.size(); k++) {
        String keyword = keywords.get(k);
        if (keyword.isEmpty()) {
          throw new IllegalArgumentException("keyword " + k + " is empty");
        }
        int state = 0;
        for (int i = 0; i < keyword.length(); i++) {
          int symbol = symbol(keyword.charAt(i));
          Integer child = children.get(state).get(symbol);
          if (child == null) {
            child = newState();
            children.get(state).put(symbol, child);
          }
          state = child;
        }
        if (ownKeyword.get(state) >= 0) {
          throw new IllegalArgumentException(
              "keyword " + k + " repeats keyword " + ownKeyword.get(state));
        }
        ownKeyword.set(state, k);
      }
    }

    private int symbol(char c) {
      if (symbolOf[c] == 0) {
        if (symbols > Character.MAX_VALUE) {
          throw new IllegalStateException("more distinct characters than symbols");
        }
        symbolOf[c] = (char) symbols++;
      }
      return symbolOf[c];
    }

    private int newState() {
      children.add(new HashMap<>(4));
      ownKeyword.add(-1);
      return children.size() - 1;
    }

    AhoCorasickTermFinder build() {
      int states = children.size();
      int[] rootNext = new int[symbols];
      children.get(0).forEach((symbol, child) -> rootNext[symbol] = child);

      int[] edgeStart = new int[states + 1];
      for (int s = 0; s < states; s++) {
        edgeStart[s + 1] = edgeStart[s] + (s == 0 ? 0 : children.get(s).size());
      }
      char[] edgeSymbol = new char[edgeStart[states]];
      int[] edgeTarget = new int[edgeStart[states]];
      for (int s = 1; s < states; s++) {
        int at = edgeStart[s];
        for (Map.Entry<Integer, Integer> e : sorted(children.get(s))) {
          edgeSymbol[at] = (char) (int) e.getKey();
          edgeTarget[at++] = e.getValue();
        }
      }

      // Breadth first, so a state's failure (always shallower) is complete before the state.
      int[] failure = new int[states];
      List<Integer> order = new ArrayList<>(states);
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(0);
      while (!queue.isEmpty()) {
        int state = queue.poll();
        order.add(state);
        for (Map.Entry<Integer, Integer> e : sorted(children.get(state))) {
          int child = e.getValue();
          if (state != 0) {
            int f = failure[state];
            int target;
            while ((target = transition(f, e.getKey())) < 0) {
              f = failure[f];
            }
            failure[child] = target;
          }
          queue.add(child);
        }
      }

      // A state's keywords: its own (the longest), then its failure's, already complete.
      List<int[]> outputs = new ArrayList<>(states);
      for (int s = 0; s < states; s++) {
        outputs.add(null);
      }
      for (int state : order) {
        int[] inherited = state == 0 ? new int[0] : outputs.get(failure[state]);
        int own = ownKeyword.get(state);
        int[] out = inherited;
        if (own >= 0) {
          out = new int[inherited.length + 1];
          out[0] = own;
          System.arraycopy(inherited, 0, out, 1, inherited.length);
        }
        outputs.set(state, out);
      }
      int[] outStart = new int[states + 1];
      for (int s = 0; s < states; s++) {
        outStart[s + 1] = outStart[s] + outputs.get(s).length;
      }
      int[] outKeyword = new int[outStart[states]];
      for (int s = 0; s < states; s++) {
        System.arraycopy(outputs.get(s), 0, outKeyword, outStart[s], outputs.get(s).length);
      }
      int[] keywordLength = keywords.stream().mapToInt(String::length).toArray();
      return new AhoCorasickTermFinder(
          symbolOf,
          rootNext,
          edgeStart,
          edgeSymbol,
          edgeTarget,
          failure,
          outStart,
          outKeyword,
          keywordLength);
    }

    /** The trie transition of {@code state}; the root goes to itself on what it lacks. */
    private int transition(int state, int symbol) {
      Integer child = children.get(state).get(symbol);
      if (child != null) {
        return child;
      }
      return state == 0 ? 0 : -1;
    }

    private static List<Map.Entry<Integer, Integer>> sorted(Map<Integer, Integer> map) {
      List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(map.entrySet());
      entries.sort(Map.Entry.comparingByKey());
      return entries;
    }
  }
}
