/**
 * What every sector-alerts service shares: typed topics ({@link eu.sectoralerts.common.Topic}),
 * explicit topic creation ({@link eu.sectoralerts.common.TopicSpec}, {@link
 * eu.sectoralerts.common.TopicAdmin}), layered configuration ({@link
 * eu.sectoralerts.common.ConfigSource}) and the command line that feeds it ({@link
 * eu.sectoralerts.common.ServiceCommandLine}), the Kafka Streams settings the topologies share
 * ({@link eu.sectoralerts.common.StreamsDefaults}), the JSON error contract of the HTTP APIs
 * ({@link eu.sectoralerts.common.ApiError}), and what operations read of every service: health,
 * readiness and Prometheus metrics ({@link eu.sectoralerts.common.OpsEndpoints}, {@link
 * eu.sectoralerts.common.ServiceMetrics}).
 */
package eu.sectoralerts.common;
