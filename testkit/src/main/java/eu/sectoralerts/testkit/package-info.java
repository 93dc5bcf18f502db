/**
 * A real Kafka cluster for JUnit 5 tests. {@link eu.sectoralerts.testkit.KafkaClusterExtension}
 * gives each test class a {@link eu.sectoralerts.testkit.KafkaCluster}: the cluster named by {@code
 * KAFKA_BOOTSTRAP_SERVERS} when set, a Testcontainers {@code apache/kafka} container when a Docker
 * engine answers, otherwise an in-process KRaft broker. The API is the same either way.
 */
package eu.sectoralerts.testkit;
