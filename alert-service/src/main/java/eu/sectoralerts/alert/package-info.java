/**
 * alert-service: the watchlists API, the Kafka Streams topology that matches tagged items against
 * every subscriber's watchlists ({@link eu.sectoralerts.alert.AlertTopology}), and the
 * per-subscriber alerts inbox read through interactive queries. {@link
 * eu.sectoralerts.alert.AlertService} starts it all; {@link eu.sectoralerts.alert.AlertMain} runs
 * it alone.
 */
package eu.sectoralerts.alert;
