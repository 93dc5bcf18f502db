package eu.sectoralerts.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from a service's {@code /metrics} page (Prometheus text format) in tests. */
public final class PrometheusSamples {

  private PrometheusSamples() {}

  /**
   * The value of the first sample of {@code name} whose labels contain {@code label}.
   *
   * @throws AssertionError when there is none, with the page
   */
  public static double value(String metrics, String name, String label) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("No sample " + name + "{" + label + "} in:\n" + metrics);
  }
}
