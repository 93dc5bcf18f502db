package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.util.List;

/** Reads subscribers' alerts, newest first. */
public interface AlertInbox {

  int DEFAULT_LIMIT = 50;
  int MAX_LIMIT = 500;

  /**
   * At most {@code limit} of the subscriber's alerts, newest first.
   *
   * @param limit 1 to {@link #MAX_LIMIT}
   * @throws UnavailableException while the inbox cannot be read (e.g. Streams is not running)
   */
  List<Alert> newestFirst(String subscriberId, int limit);
}
