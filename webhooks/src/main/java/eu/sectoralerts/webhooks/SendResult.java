package eu.sectoralerts.webhooks;

/**
 * How one POST ended: the HTTP status the endpoint answered, or why there was no answer.
 *
 * @param statusCode the HTTP status, null when no answer arrived
 * @param error what went wrong (timeout, connection refused, ...), null when an answer arrived
 */
public record SendResult(Integer statusCode, String error) {

  public SendResult {
    if (statusCode == null && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("a send result needs a status code or an error");
    }
    if (statusCode != null && (statusCode < 100 || statusCode > 599)) {
      throw new IllegalArgumentException("HTTP status must be 100-599, got " + statusCode);
    }
  }

  /** The endpoint answered with this status. */
  public static SendResult status(int statusCode) {
    return new SendResult(statusCode, null);
  }

  /** No answer arrived. */
  public static SendResult failed(String error) {
    return new SendResult(null, error);
  }

  /** Whether the endpoint accepted the webhook (2xx). */
  public boolean delivered() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }

  /** Whether the endpoint said it is gone for good (410): no more retries. */
  public boolean gone() {
    return statusCode != null && statusCode == 410;
  }

  /** For a person: {@code HTTP 503} or the error. */
  public String describe() {
    return statusCode != null ? "HTTP " + statusCode : error;
  }
}
