/**
 * A small schema registry server speaking Confluent's REST protocol, for the embedded default: its
 * state lives in a compacted Kafka topic ({@code _schemas}, records shaped like Confluent's) so
 * every process on the machine shares it and it survives restarts. {@link
 * eu.sectoralerts.registry.server.SchemaRegistryServer} is the HTTP side, {@link
 * eu.sectoralerts.registry.server.SchemaRegistry} the rules (ids, versions, compatibility) and
 * {@link eu.sectoralerts.registry.server.SchemaStore} where they are kept.
 */
package eu.sectoralerts.registry.server;
