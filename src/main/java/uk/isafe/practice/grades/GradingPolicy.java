package uk.isafe.practice.grades;

import java.util.Locale;
import java.util.Optional;

/**
 * Which of a learner's results counts in the gradebook, per link (custom parameter {@code grading_policy}):
 * {@code best} (default), {@code latest} or {@code first}. Only a change in the counted result is sent.
 */
public enum GradingPolicy {
  BEST, LATEST, FIRST;

  public static final String CUSTOM_PARAM = "grading_policy";

  public static GradingPolicy of(Optional<String> custom) {
    return switch (custom.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("best")) {
      case "latest", "last" -> LATEST;
      case "first" -> FIRST;
      default -> BEST;
    };
  }

  /**
   * Whether a new result replaces the counted one. Scores compare as fractions of their maximum; a tie keeps the
   * counted result (nothing to send).
   *
   * @param counted the fraction of the result counted so far, if any
   */
  public boolean replaces(double newFraction, Optional<Double> counted) {
    if (counted.isEmpty()) {
      return true;
    }
    return switch (this) {
      case BEST -> newFraction > counted.get() + 1e-9;
      case LATEST -> Math.abs(newFraction - counted.get()) > 1e-9;
      case FIRST -> false;
    };
  }
}
