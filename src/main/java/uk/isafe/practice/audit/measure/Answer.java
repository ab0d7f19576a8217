package uk.isafe.practice.audit.measure;

import java.util.Locale;
import java.util.Optional;

/** An audit answer. Yes = 2, Partly = 1, No = 0; N/A has no points and leaves the denominator. */
public enum Answer {
  YES(2), PARTLY(1), NO(0), NA(-1);

  private final int points;

  Answer(int points) {
    this.points = points;
  }

  /** Points for Yes, Partly and No; N/A has none. */
  public int points() {
    if (this == NA) {
      throw new IllegalStateException("N/A has no points: leave it out of the denominator");
    }
    return points;
  }

  public boolean applies() {
    return this != NA;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code yes|partly|no|na}; anything else is empty. */
  public static Optional<Answer> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Answer a : values()) {
      if (a.code().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
