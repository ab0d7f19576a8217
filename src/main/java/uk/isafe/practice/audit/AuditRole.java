package uk.isafe.practice.audit;

import java.util.Locale;
import java.util.Optional;

/** Roles in the audit. Granted per person by an audit administrator; two come by default from the LMS role. */
public enum AuditRole {
  ADMINISTRATOR, AUDITOR, MODERATOR, TEAM_LEADER, SENIOR_LEADER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AuditRole> parse(String code) {
    for (AuditRole r : values()) {
      if (r.code().equals(code)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The default from the LMS: an LMS administrator administers the audit; an instructor audits. */
  public static Optional<AuditRole> fromLms(String lmsRole) {
    return switch (lmsRole == null ? "" : lmsRole) {
      case "administrator" -> Optional.of(ADMINISTRATOR);
      case "trainer" -> Optional.of(AUDITOR);
      default -> Optional.empty();
    };
  }
}
