package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The inbox in a list, sorted as the store's keys sort (newest first). */
final class FakeInbox implements AlertInbox {
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;

  void add(Alert alert) {
    alerts.add(alert);
  }

  private List<Alert> of(String subscriberId) {
    if (failure != null) {
      throw failure;
    }
    List<Alert> own = new ArrayList<>();
    for (Alert a : alerts) {
      if (a.getSubscriberId().equals(subscriberId)) {
        own.add(a);
      }
    }
    own.sort(Comparator.comparing(FakeInbox::keyOf));
    return own;
  }

  private static String keyOf(Alert a) {
    return InboxKeys.key(a.getSubscriberId(), a.getCreatedAt(), a.getId());
  }

  @Override
  public Page page(String subscriberId, PageRequest request) {
    List<Alert> page = new ArrayList<>();
    String after = request.after() == null ? null : InboxQuery.keyOf(subscriberId, request.after());
    List<Alert> own = of(subscriberId);
    for (int i = 0; i < own.size(); i++) {
      Alert a = own.get(i);
      if (after != null && keyOf(a).compareTo(after) <= 0) {
        continue;
      }
      if (request.since() != null && a.getCreatedAt().isBefore(request.since())) {
        break;
      }
      if (request.watchlistId() != null && !request.watchlistId().equals(a.getWatchlistId())) {
        continue;
      }
      page.add(a);
      if (page.size() == request.limit()) {
        boolean more = i + 1 < own.size();
        return new Page(page, more ? Optional.of(InboxQuery.cursorOf(a)) : Optional.empty());
      }
    }
    return new Page(page, Optional.empty());
  }

  @Override
  public List<Alert> newerThan(String subscriberId, String cursor, int max) {
    List<Alert> newer = new ArrayList<>();
    String until = InboxQuery.keyOf(subscriberId, cursor);
    for (Alert a : of(subscriberId)) {
      if (keyOf(a).compareTo(until) < 0) {
        newer.add(0, a);
      }
    }
    return newer;
  }

  @Override
  public boolean scan(String subscriberId, Instant since, int max, Consumer<Alert> visitor) {
    int visited = 0;
    for (Alert a : of(subscriberId)) {
      if (a.getCreatedAt().isBefore(since)) {
        return true;
      }
      if (visited == max) {
        return false;
      }
      visitor.accept(a);
      visited++;
    }
    return true;
  }

  @Override
  public Optional<Alert> find(String subscriberId, String alertId) {
    return of(subscriberId).stream().filter(a -> a.getId().equals(alertId)).findFirst();
  }
}
