package eu.sectoralerts.enrich;

import eu.sectoralerts.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an outage from a bug. Transient: anywhere in the cause chain a Kafka {@link
 * RetriableException}, an I/O failure, or a schema registry failure that is not the registry's
 * answer about the request (unreachable, 5xx, 408, 429). A stream thread that dies of a transient
 * error is replaced, so it retries from its last commit; anything else stops the client, since
 * retrying it would fail the same way forever.
 */
public final class TransientErrors {

  private static final Logger LOG = LoggerFactory.getLogger(TransientErrors.class);

  private TransientErrors() {}

  /** Whether {@code error} or one of its causes is worth retrying. */
  public static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof IOException
          || t instanceof UncheckedIOException) {
        return true;
      }
      if (t instanceof SchemaRegistryException sre) {
        int status = sre.status();
        return status == 0 || status >= 500 || status == 408 || status == 429;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The uncaught-exception handler of enrich-streams: replace on transient errors, else stop. */
  public static StreamsUncaughtExceptionHandler uncaughtExceptionHandler(String serviceName) {
    return error -> {
      if (isTransient(error)) {
        LOG.warn("{}: stream thread failed on a transient error, replacing it", serviceName, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      LOG.error("{}: stream thread failed, shutting the client down", serviceName, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    };
  }
}
