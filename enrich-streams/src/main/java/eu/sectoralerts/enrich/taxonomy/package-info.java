/**
 * The taxonomy file: {@link eu.sectoralerts.enrich.taxonomy.Taxonomy} is the validated rule set
 * (concepts per sector and risk, level rules, gazetteers), read from YAML with every problem
 * reported by file and line in a {@link eu.sectoralerts.enrich.taxonomy.TaxonomyException}.
 */
package eu.sectoralerts.enrich.taxonomy;
