package uk.isafe.practice.assessment.instrument;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a learner's follow-up wave opens: at the start of the day {@code due_after_days} days after the day they
 * completed the post wave, in the learners' time zone, so that "opens on 23 January" means the whole of that day.
 * Before post there is no date. The clock is the caller's. Pure Java.
 */
public final class FollowUpSchedule {
  /** Where learners are: dates are shown and days counted in UK time. */
  public static final ZoneId ZONE = ZoneId.of("Europe/London");

  private FollowUpSchedule() {
  }

  /** The state of a learner's follow-up and, once post is done, the day it opens. */
  public record Status(State state, Optional<LocalDate> opensOn) {
    public boolean open() {
      return state == State.OPEN;
    }
  }

  public enum State {
    /** Post is not completed yet: the follow-up has no date. */
    AWAITING_POST,
    /** Post is completed and the follow-up day has not come. */
    NOT_YET,
    OPEN
  }

  public static LocalDate opensOn(Instant postCompletedAt, Wave followUp) {
    return postCompletedAt.atZone(ZONE).toLocalDate().plusDays(followUp.followUpDays());
  }

  public static Status status(Optional<Instant> postCompletedAt, Wave followUp, Instant now) {
    if (postCompletedAt.isEmpty()) {
      return new Status(State.AWAITING_POST, Optional.empty());
    }
    LocalDate opens = opensOn(postCompletedAt.get(), followUp);
    LocalDate today = now.atZone(ZONE).toLocalDate();
    return new Status(today.isBefore(opens) ? State.NOT_YET : State.OPEN, Optional.of(opens));
  }
}
