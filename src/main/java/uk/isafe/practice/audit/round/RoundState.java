package uk.isafe.practice.audit.round;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of a round: planned (being set up) → open (auditing) → moderating (disagreements resolved, no new
 * audits) → closed (figures final). Only the next state is allowed; a round never goes back.
 */
public enum RoundState {
  PLANNED, OPEN, MODERATING, CLOSED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Optional<RoundState> next() {
    return this == CLOSED ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
  }

  public boolean canMoveTo(RoundState target) {
    return next().map(n -> n == target).orElse(false);
  }

  /** Auditors may save answers only while the round is open. */
  public boolean acceptsAnswers() {
    return this == OPEN;
  }

  public static Optional<RoundState> parse(String code) {
    for (RoundState s : values()) {
      if (s.code().equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
