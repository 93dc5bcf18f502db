package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ConnectException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class TransientErrorsTest {

  @Test
  void shouldTreatKafkaRetriableErrorsAsTransient() {
    assertThat(TransientErrors.isTransient(new StreamsException(new TimeoutException("slow"))))
        .isTrue();
  }

  @Test
  void shouldTreatAnUnreachableOrFailingRegistryAsTransient() {
    SchemaRegistryException unreachable =
        new SchemaRegistryException("not reachable", new ConnectException("refused"));
    SchemaRegistryException serverError = new SchemaRegistryException(503, 50003, "unavailable");

    assertThat(TransientErrors.isTransient(new SerializationException("x", unreachable))).isTrue();
    assertThat(TransientErrors.isTransient(new StreamsException(serverError))).isTrue();
  }

  @Test
  void shouldTreatTheRegistrysAnswerAboutTheRequestAsPermanent() {
    SchemaRegistryException notFound =
        new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "not found");

    assertThat(TransientErrors.isTransient(new SerializationException("x", notFound))).isFalse();
  }

  @Test
  void shouldTreatBugsAsPermanent() {
    assertThat(TransientErrors.isTransient(new StreamsException(new NullPointerException())))
        .isFalse();
    assertThat(TransientErrors.isTransient(new SerializationException("bad bytes"))).isFalse();
  }

  @Test
  void shouldReplaceTheThreadOnlyOnTransientErrors() {
    var handler = TransientErrors.uncaughtExceptionHandler("test");

    assertThat(handler.handle(new StreamsException(new IOException("broken pipe"))))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(handler.handle(new StreamsException(new IllegalStateException("bug"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
