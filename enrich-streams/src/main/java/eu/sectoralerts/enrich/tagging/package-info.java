/**
 * The tagger compiled from a taxonomy: {@link eu.sectoralerts.enrich.tagging.TaxonomyTagger} finds
 * every phrase of the taxonomy in one pass of a {@link eu.sectoralerts.enrich.tagging.TermFinder}
 * (Aho-Corasick in production) and turns the matches into sectors, risks, level, organisations and
 * evidence.
 */
package eu.sectoralerts.enrich.tagging;
