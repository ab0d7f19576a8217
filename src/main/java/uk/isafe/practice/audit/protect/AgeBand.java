package uk.isafe.practice.audit.protect;

import java.util.Optional;

/**
 * The child's age band, stored instead of a date of birth. The bands are those of the Children in Need census, so
 * audit figures can be set beside national statistics.
 */
public enum AgeBand {
  UNDER_1("under-1"), AGE_1_4("1-4"), AGE_5_9("5-9"), AGE_10_15("10-15"), AGE_16_PLUS("16-plus");

  private final String code;

  AgeBand(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<AgeBand> parse(String code) {
    for (AgeBand b : values()) {
      if (b.code.equals(code)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
