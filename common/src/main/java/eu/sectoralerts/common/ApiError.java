package eu.sectoralerts.common;

import java.util.List;
import java.util.Objects;

/**
 * The JSON body of every HTTP error the services answer: a stable machine-readable {@code error}
 * code, a sentence for people, and, for invalid input, one entry per offending field.
 *
 * @param status HTTP status
 * @param error short code such as {@code invalid_request}, {@code not_found}
 * @param message what is wrong, for a person to read
 * @param fields the offending fields, empty when the error is not about input fields
 */
public record ApiError(int status, String error, String message, List<FieldError> fields) {

  public ApiError {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    fields = List.copyOf(fields);
  }

  /** One invalid field: its JSON path and what is wrong with it. */
  public record FieldError(String field, String message) {}
}
