/**
 * The {@code bench} command's engine: publishes generated items into a running pipeline against
 * generated watchlists, reads the alerts that come out, and measures throughput, publish-to-alert
 * latency and the resources used, beside a plain Kafka producer and consumer passing the same bytes
 * through the same broker.
 */
package eu.sectoralerts.app.bench;
