package eu.sectoralerts.enrich.text;

import java.util.List;
import java.util.Objects;

/**
 * A fixed list of distinct words (normal forms), each known by its position in the list, that
 * {@link TextAnalyzer} looks every token up in while it reads it: the lookup reads the token's
 * letters where the analyzer built them, so no string is made and no string hash computed per
 * token. Immutable and thread-safe.
 */
public final class Vocabulary {

  /** The vocabulary without words: every token's {@link AnalyzedText#word} is -1. */
  public static final Vocabulary EMPTY = of(List.of());

  private final char[] chars;

  /** Word {@code i} is {@code chars[offsets[i], offsets[i + 1])}. */
  private final int[] offsets;

  private final int[] hashes;

  /**
   * Open addressing with linear probing: a word's index plus one, 0 for a free slot. At most a
   * quarter of the slots are taken, so a word not in the list (most tokens) is usually rejected by
   * its first or second slot.
   */
  private final int[] slots;

  private final int mask;

  private Vocabulary(char[] chars, int[] offsets, int[] hashes, int[] slots) {
    this.chars = chars;
    this.offsets = offsets;
    this.hashes = hashes;
    this.slots = slots;
    this.mask = slots.length - 1;
  }

  /**
   * The vocabulary of {@code words}, numbered by their position.
   *
   * @throws IllegalArgumentException if a word is listed twice
   */
  public static Vocabulary of(List<String> words) {
    int total = 0;
    for (String word : words) {
      total += Objects.requireNonNull(word, "word").length();
    }
    char[] chars = new char[total];
    int[] offsets = new int[words.size() + 1];
    int[] hashes = new int[words.size()];
    int[] slots = new int[Integer.highestOneBit(Math.max(1, words.size()) * 4) * 2];
    Vocabulary vocabulary = new Vocabulary(chars, offsets, hashes, slots);
    int at = 0;
    for (int id = 0; id < words.size(); id++) {
      String word = words.get(id);
      word.getChars(0, word.length(), chars, at);
      offsets[id] = at;
      at += word.length();
      offsets[id + 1] = at;
      if (vocabulary.idOf(chars, offsets[id], at) >= 0) {
        throw new IllegalArgumentException("word " + id + " is listed twice: " + word);
      }
      int hash = hash(chars, offsets[id], at);
      hashes[id] = hash;
      int slot = hash & vocabulary.mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & vocabulary.mask;
      }
      slots[slot] = id + 1;
    }
    return vocabulary;
  }

  /** The number of words. */
  public int size() {
    return hashes.length;
  }

  /** Word number {@code id}. */
  public String word(int id) {
    return new String(chars, offsets[id], offsets[id + 1] - offsets[id]);
  }

  /** The number of {@code word}, or -1 if it is not in the list. */
  public int idOf(String word) {
    char[] letters = word.toCharArray();
    return idOf(letters, 0, letters.length);
  }

  /** The number of the word {@code buffer[from, to)}, or -1 if it is not in the list. */
  int idOf(char[] buffer, int from, int to) {
    int hash = hash(buffer, from, to);
    int slot = hash & mask;
    int entry;
    while ((entry = slots[slot]) != 0) {
      int id = entry - 1;
      if (hashes[id] == hash && equals(id, buffer, from, to)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private boolean equals(int id, char[] buffer, int from, int to) {
    int start = offsets[id];
    if (offsets[id + 1] - start != to - from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (chars[start + i - from] != buffer[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of length, first two and last two letters: it costs the same for any word, and its
   * products do not wait on each other as String's {@code 31 * h + c} does letter by letter; the
   * few words it confuses are told apart by {@link #equals}.
   */
  private static int hash(char[] buffer, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return 0;
    }
    int h =
        length * 0x9E3779B1
            + buffer[from] * 0x85EBCA6B
            + buffer[from + (length > 1 ? 1 : 0)] * 0xC2B2AE35
            + buffer[to - 1] * 0x27D4EB2F
            + buffer[to - (length > 1 ? 2 : 1)] * 0x165667B1;
    return h ^ (h >>> 15);
  }
}
