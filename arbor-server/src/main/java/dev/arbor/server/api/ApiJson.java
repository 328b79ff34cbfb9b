package dev.arbor.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpStatus;

/** The API's JSON: snake_case names, unknown fields ignored, and a body that does not fit is a 422 saying why. */
public final class ApiJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .build();

  private ApiJson() {}

  static <T> T read(AggregatedHttpRequest request, Class<T> type) {
    String body = request.contentUtf8();
    if (body.isBlank()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the request body is empty; expected JSON");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the request body is null; expected a JSON object");
      }
      return value;
    } catch (MismatchedInputException e) {
      String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> a + "." + b).orElse("body");
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid value at " + path + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the request body is not valid JSON: "
          + e.getOriginalMessage());
    }
  }

  /** Fails with a 422 naming {@code field} when a required value is missing. */
  static <T> T required(T value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, field + " is required");
    }
    return value;
  }
}
