package uk.isafe.practice.scenario.model;

import java.util.List;
import java.util.Set;

/** The MI tag vocabulary (see SCENARIOS.md) and the C6 rule. */
public final class Tags {
  public static final Set<String> CONSISTENT = Set.of("RS", "RC", "SU", "AF", "SC", "EA", "PWP");
  public static final Set<String> INCONSISTENT = Set.of("PER", "CON", "RR", "WARN");
  public static final Set<String> QUESTIONS = Set.of("OQ", "CQ");
  public static final Set<String> REFLECTIONS = Set.of("RS", "RC", "SU");
  public static final Set<String> ADHERENT = Set.of("AF", "SC", "EA");
  public static final String SAFE_PLUS = "SAFE+";
  public static final String SAFE_MINUS = "SAFE-";

  private Tags() {
  }

  public static boolean hasConsistent(List<String> tags) {
    return tags.stream().anyMatch(CONSISTENT::contains);
  }

  public static boolean hasInconsistent(List<String> tags) {
    return tags.stream().anyMatch(INCONSISTENT::contains);
  }

  /** Needs coach feedback: an MI-inconsistent tag or SAFE-. */
  public static boolean needsFeedback(List<String> tags) {
    return hasInconsistent(tags) || tags.contains(SAFE_MINUS);
  }

  /** C6: +1 with a consistent tag and no inconsistent one, −1 with an inconsistent one, else 0. */
  public static int miSpiritPoints(List<String> tags) {
    if (hasInconsistent(tags)) {
      return -1;
    }
    return hasConsistent(tags) ? 1 : 0;
  }
}
