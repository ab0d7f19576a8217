package uk.isafe.practice.grades;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What a platform's answer to a score means for the outbox. No Vert.x here. */
enum Verdict {
  DELIVERED, RETRY, TIMESTAMP_CONFLICT, FAILED;

  /**
   * 2xx delivered; 409 a timestamp the platform does not find later than its own; 401 (after one token refresh), 408,
   * 429 and 5xx retried with backoff; any other answer is permanent until someone fixes the cause.
   */
  static Verdict of(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status == 409) {
      return TIMESTAMP_CONFLICT;
    }
    if (status == 401 || status == 408 || status == 429 || status >= 500) {
      return RETRY;
    }
    return FAILED;
  }

  /** A {@code Retry-After} header as a delay: seconds, or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 86_400)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }
}
