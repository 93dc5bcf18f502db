/**
 * A real Kafka broker inside the JVM: {@link eu.sectoralerts.embedded.KafkaKraftBroker} runs a
 * single KRaft node (broker and controller combined) from Apache Kafka's own server artifacts. The
 * embedded default of {@code sector-alerts up} and the test kit both use it.
 */
package eu.sectoralerts.embedded;
