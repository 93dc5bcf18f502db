/**
 * enrich-streams: the Kafka Streams service that reads news items (as bytes) from the items topic,
 * tags each with sectors, risks to European firms, named organisations and a risk level, and writes
 * {@code TaggedItem}s keyed by item id; a record it cannot read or tag becomes a {@code
 * DeadLetter}. The tagging rules sit behind {@link eu.sectoralerts.enrich.Tagger}, so the rule
 * engine can be replaced without touching the topology.
 */
package eu.sectoralerts.enrich;
