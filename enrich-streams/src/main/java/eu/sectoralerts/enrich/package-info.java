/**
 * enrich-streams: the Kafka Streams service that reads news items (as bytes) from the items topic,
 * tags each with sectors, risks to European firms, named organisations and a risk level, and writes
 * {@code TaggedItem}s keyed by item id; a record it cannot read or tag becomes a {@code
 * DeadLetter}. The tagging rules sit behind {@link eu.sectoralerts.enrich.Tagger}: the service uses
 * the tagger of {@code enrich.tagging}, compiled from a versioned taxonomy file ({@code
 * enrich.taxonomy}).
 */
package eu.sectoralerts.enrich;
