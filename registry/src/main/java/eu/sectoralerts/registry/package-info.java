/**
 * The Confluent Schema Registry protocol, written by this project: the {@link
 * eu.sectoralerts.registry.SchemaRegistryClient} interface with an HTTP implementation of
 * Confluent's REST API and an in-memory one for {@code mock://} URLs, and Kafka serdes for Avro
 * generated classes in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary) with the topic name strategy.
 */
package eu.sectoralerts.registry;
