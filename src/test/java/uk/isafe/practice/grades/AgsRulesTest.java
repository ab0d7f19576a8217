package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules every score follows, without a platform: URLs, timestamps, policies, verdicts, backoff. */
class AgsRulesTest {

  @Test
  void scores_is_inserted_before_the_query_string() {
    assertEquals("https://m.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=2",
        AgsMedia.scoresUrl("https://m.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=2"));
    assertEquals("https://c.example/li/7/scores", AgsMedia.scoresUrl("https://c.example/li/7"));
    assertEquals("https://c.example/li/7/scores", AgsMedia.scoresUrl("https://c.example/li/7/"));
  }

  @Test
  void timestamps_increase_to_the_second_even_within_one_second() {
    Instant last = Instant.parse("2026-01-01T10:00:00.900Z");
    assertEquals(Instant.parse("2026-01-01T10:00:01.900Z"),
        AgsMedia.nextTimestamp(Instant.parse("2026-01-01T10:00:00.950Z"), Optional.of(last)));
    assertEquals(Instant.parse("2026-01-01T10:00:05.001Z"),
        AgsMedia.nextTimestamp(Instant.parse("2026-01-01T10:00:05.001Z"), Optional.of(last)));
    // A clock that went backwards still moves forwards.
    assertEquals(Instant.parse("2026-01-01T10:00:01.900Z"),
        AgsMedia.nextTimestamp(Instant.parse("2026-01-01T09:59:00Z"), Optional.of(last)));
    Instant now = Instant.parse("2026-01-01T10:00:00.123Z");
    assertEquals(now, AgsMedia.nextTimestamp(now, Optional.empty()));
  }

  @Test
  void best_policy_counts_only_a_strictly_better_result() {
    assertTrue(GradingPolicy.BEST.replaces(0.5, Optional.empty()));
    assertTrue(GradingPolicy.BEST.replaces(0.8, Optional.of(0.6)));
    assertFalse(GradingPolicy.BEST.replaces(0.6, Optional.of(0.6)));
    assertFalse(GradingPolicy.BEST.replaces(0.4, Optional.of(0.6)));
  }

  @Test
  void latest_and_first_policies() {
    assertTrue(GradingPolicy.LATEST.replaces(0.4, Optional.of(0.6)));
    assertFalse(GradingPolicy.LATEST.replaces(0.6, Optional.of(0.6)));
    assertTrue(GradingPolicy.FIRST.replaces(0.4, Optional.empty()));
    assertFalse(GradingPolicy.FIRST.replaces(0.9, Optional.of(0.6)));
  }

  @Test
  void grading_policy_is_read_from_the_custom_parameter_with_best_as_default() {
    assertEquals(GradingPolicy.BEST, GradingPolicy.of(Optional.empty()));
    assertEquals(GradingPolicy.BEST, GradingPolicy.of(Optional.of("nonsense")));
    assertEquals(GradingPolicy.LATEST, GradingPolicy.of(Optional.of(" Latest ")));
    assertEquals(GradingPolicy.FIRST, GradingPolicy.of(Optional.of("first")));
  }

  @Test
  void platform_answers_map_to_retry_failure_or_success() {
    assertEquals(Verdict.DELIVERED, Verdict.of(200));
    assertEquals(Verdict.DELIVERED, Verdict.of(204));
    assertEquals(Verdict.TIMESTAMP_CONFLICT, Verdict.of(409));
    for (int s : new int[] {401, 408, 429, 500, 502, 503, 504}) {
      assertEquals(Verdict.RETRY, Verdict.of(s), "status " + s);
    }
    for (int s : new int[] {400, 403, 404, 405, 415, 422, 302}) {
      assertEquals(Verdict.FAILED, Verdict.of(s), "status " + s);
    }
  }

  @Test
  void retry_after_is_read_as_seconds_or_a_date() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(7)), Verdict.retryAfter("7", now));
    assertEquals(Optional.of(Duration.ofSeconds(30)), Verdict.retryAfter("Thu, 01 Jan 2026 10:00:30 GMT", now));
    assertEquals(Optional.empty(), Verdict.retryAfter("soon", now));
    assertEquals(Optional.empty(), Verdict.retryAfter(null, now));
  }

  @Test
  void backoff_grows_exponentially_with_jitter_and_a_cap() {
    DeliverySettings s = new DeliverySettings(Duration.ofSeconds(1), 8, Duration.ofSeconds(60),
        Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(1), s.backoff(1, 0.0));
    assertEquals(Duration.ofSeconds(2), s.backoff(1, 1.0));
    assertEquals(Duration.ofSeconds(16), s.backoff(4, 1.0));
    assertEquals(Duration.ofSeconds(8), s.backoff(4, 0.0));
    assertEquals(Duration.ofSeconds(60), s.backoff(40, 1.0));
    assertEquals(Duration.ofSeconds(30), s.backoff(40, 0.0));
  }
}
