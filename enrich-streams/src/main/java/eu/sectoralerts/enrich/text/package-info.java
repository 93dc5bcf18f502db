/**
 * How the tagger reads text: {@link eu.sectoralerts.enrich.text.TextAnalyzer} cuts title and body
 * into tokens with their exact offsets and sentences, and {@link
 * eu.sectoralerts.enrich.text.Stemmer} folds the inflections of a word onto one stem, so the
 * taxonomy's phrases and an item's words meet in the same normal form; a {@link
 * eu.sectoralerts.enrich.text.Vocabulary} numbers the normal forms the taxonomy knows as the
 * analyzer reads them.
 */
package eu.sectoralerts.enrich.text;
