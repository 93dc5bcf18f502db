package eu.sectoralerts.alert;

import org.apache.kafka.streams.KafkaStreams;

/** What interactive queries of this service share. */
final class StreamsStores {

  private StreamsStores() {}

  /** Throws {@link UnavailableException} unless Streams is RUNNING (stores are complete). */
  static void requireRunning(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new UnavailableException(
          "Not ready: Kafka Streams is "
              + state
              + ", stores are not queryable yet; retry shortly.");
    }
  }
}
