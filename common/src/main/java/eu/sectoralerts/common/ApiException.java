package eu.sectoralerts.common;

import java.util.List;

/**
 * Thrown by HTTP handlers to answer with an {@link ApiError}; {@link HttpErrors} turns it into the
 * response. Carries no stack trace to the client.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ApiError error;

  public ApiException(ApiError error) {
    super(error.message());
    this.error = error;
  }

  public ApiError error() {
    return error;
  }

  /** 400: the request is invalid; {@code fields} names each offending field. */
  public static ApiException invalid(String message, List<ApiError.FieldError> fields) {
    return new ApiException(new ApiError(400, "invalid_request", message, fields));
  }

  /** 400 about one field. */
  public static ApiException invalidField(String field, String message) {
    return invalid(
        "Invalid field '" + field + "': " + message,
        List.of(new ApiError.FieldError(field, message)));
  }

  public static ApiException notFound(String message) {
    return new ApiException(new ApiError(404, "not_found", message, List.of()));
  }

  public static ApiException unavailable(String message) {
    return new ApiException(new ApiError(503, "unavailable", message, List.of()));
  }
}
