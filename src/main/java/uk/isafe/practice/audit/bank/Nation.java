package uk.isafe.practice.audit.bank;

import java.util.Locale;
import java.util.Optional;

/** The nation whose terms an organisation uses (England: Child in Need; Wales: care and support). */
public enum Nation {
  ENGLAND, WALES;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Nation> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Nation n : values()) {
      if (n.key().equalsIgnoreCase(s.strip())) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
