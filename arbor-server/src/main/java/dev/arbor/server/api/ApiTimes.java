package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Times in the API: ISO-8601 in UTC with microseconds (as Phoenix writes them), from epoch nanoseconds. */
final class ApiTimes {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private ApiTimes() {}

  static String format(long epochNanos) {
    Instant instant = Instant.ofEpochSecond(0, epochNanos).truncatedTo(ChronoUnit.MICROS);
    return FORMAT.format(instant.atOffset(ZoneOffset.UTC));
  }

  /** A query parameter as epoch nanoseconds; a time without a zone is taken as UTC. */
  static Long parseNanos(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      Instant instant;
      try {
        instant = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException noZone) {
        instant = java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      }
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
          name + " must be an ISO-8601 date-time such as 2025-01-31T12:00:00Z: " + value);
    }
  }
}
