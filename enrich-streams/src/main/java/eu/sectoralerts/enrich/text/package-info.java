/**
 * How the tagger reads text: {@link eu.sectoralerts.enrich.text.TextAnalyzer} cuts title and body
 * into tokens with their exact offsets and sentences, and {@link
 * eu.sectoralerts.enrich.text.Stemmer} folds the inflections of a word onto one stem, so the
 * taxonomy's phrases and an item's words meet in the same normal form.
 */
package eu.sectoralerts.enrich.text;
