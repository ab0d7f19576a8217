package uk.isafe.practice.assessment.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FollowUpScheduleTest {
  private static final Wave FOLLOW_UP = new Wave("follow-up", List.of(new Wave.WaveScale("c", List.of())),
      Optional.empty(), OptionalInt.of(56), Optional.empty());

  @Test
  void opens_at_the_start_of_the_uk_day_fifty_six_days_after_post() {
    Instant post = Instant.parse("2027-01-10T15:30:00Z");
    assertEquals(LocalDate.parse("2027-03-07"), FollowUpSchedule.opensOn(post, FOLLOW_UP));
    FollowUpSchedule.Status before = FollowUpSchedule.status(Optional.of(post), FOLLOW_UP,
        Instant.parse("2027-03-06T23:59:59Z"));
    assertEquals(FollowUpSchedule.State.NOT_YET, before.state());
    assertEquals(Optional.of(LocalDate.parse("2027-03-07")), before.opensOn());
    assertFalse(before.open());
    assertTrue(FollowUpSchedule.status(Optional.of(post), FOLLOW_UP, Instant.parse("2027-03-07T00:00:00Z")).open());
    assertTrue(FollowUpSchedule.status(Optional.of(post), FOLLOW_UP, Instant.parse("2028-01-01T00:00:00Z")).open());
  }

  @Test
  void days_are_counted_in_uk_time_across_british_summer_time() {
    // 23:30 UTC on 20 June is 00:30 on 21 June in London: the post day is the 21st.
    Instant post = Instant.parse("2027-06-20T23:30:00Z");
    assertEquals(LocalDate.parse("2027-08-16"), FollowUpSchedule.opensOn(post, FOLLOW_UP));
    // 23:30 UTC on 15 August is already 16 August in London.
    assertTrue(FollowUpSchedule.status(Optional.of(post), FOLLOW_UP, Instant.parse("2027-08-15T23:30:00Z")).open());
    assertFalse(FollowUpSchedule.status(Optional.of(post), FOLLOW_UP, Instant.parse("2027-08-15T22:59:00Z")).open());
  }

  @Test
  void without_post_there_is_no_date_and_the_wave_is_not_open() {
    FollowUpSchedule.Status s = FollowUpSchedule.status(Optional.empty(), FOLLOW_UP, Instant.now());
    assertEquals(FollowUpSchedule.State.AWAITING_POST, s.state());
    assertTrue(s.opensOn().isEmpty());
    assertFalse(s.open());
  }
}
