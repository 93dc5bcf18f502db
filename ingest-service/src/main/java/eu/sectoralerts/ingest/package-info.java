/**
 * ingest-service: the pipeline's HTTP entry point. {@link eu.sectoralerts.ingest.IngestApi} accepts
 * {@code POST /v1/items}, validates the body as an {@link eu.sectoralerts.ingest.ItemRequest} and
 * hands the resulting {@code NewsItem} to an {@link eu.sectoralerts.ingest.ItemPublisher}; {@link
 * eu.sectoralerts.ingest.IngestService} wires it to Kafka and the schema registry.
 */
package eu.sectoralerts.ingest;
