package uk.isafe.practice.core.grade;

import java.time.Instant;

/**
 * A completed result that belongs in the LMS gradebook.
 *
 * @param kind         {@code scenario}, {@code confidence-pre}, {@code confidence-post} or {@code competency:<id>}
 * @param activityKey  what produced it, e.g. {@code scenario:dad-not-on-file} or {@code assessment:fathers:pre}
 * @param scoreGiven   the score, between 0 and {@code scoreMaximum}
 * @param comment      a short comment shown as the grade's feedback (Moodle)
 * @param attemptRef   the attempt or response it came from, for tracing
 */
public record GradeResult(
    String kind,
    String activityKey,
    double scoreGiven,
    double scoreMaximum,
    String comment,
    Instant completedAt,
    String attemptRef) {

  public GradeResult {
    if (scoreMaximum <= 0 || scoreGiven < 0 || scoreGiven > scoreMaximum) {
      throw new IllegalArgumentException("score " + scoreGiven + " out of " + scoreMaximum + " for " + kind);
    }
  }
}
