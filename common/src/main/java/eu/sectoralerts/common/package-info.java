/**
 * What every sector-alerts service shares: typed topics ({@link eu.sectoralerts.common.Topic}),
 * explicit topic creation ({@link eu.sectoralerts.common.TopicSpec}, {@link
 * eu.sectoralerts.common.TopicAdmin}), layered configuration ({@link
 * eu.sectoralerts.common.ConfigSource}) and the command line that feeds it ({@link
 * eu.sectoralerts.common.ServiceCommandLine}), the Kafka Streams settings the topologies share
 * ({@link eu.sectoralerts.common.StreamsDefaults}) and the JSON error contract of the HTTP APIs
 * ({@link eu.sectoralerts.common.ApiError}).
 */
package eu.sectoralerts.common;
