package uk.isafe.practice.lti;

import java.util.Collection;
import java.util.Locale;

/**
 * What a launch may do in the tool. Platform roles map as: Instructor, TeachingAssistant, ContentDeveloper and Mentor
 * give {@link #TRAINER}; institution or system Administrator gives {@link #ADMINISTRATOR}; anything else, including no
 * roles and unknown roles, gives {@link #LEARNER}. Full URIs and short names ({@code Instructor}) are both accepted.
 */
public enum Role {
  LEARNER, TRAINER, ADMINISTRATOR;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean canTeach() {
    return this != LEARNER;
  }

  /** Maps the platform's role claim to a tool role. */
  public static Role fromClaims(Collection<String> roles) {
    boolean trainer = false;
    for (String raw : roles) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String r = shortName(raw);
      if (r.equals("Administrator") && (raw.contains("/institution/") || raw.contains("/system/")
          || !raw.contains("/"))) {
        return ADMINISTRATOR;
      }
      if (r.equals("Instructor") || r.equals("TeachingAssistant") || r.equals("ContentDeveloper")
          || r.equals("Mentor")) {
        trainer = true;
      }
    }
    return trainer ? TRAINER : LEARNER;
  }

  /**
   * The role name without its URI: {@code http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor} and
   * {@code ...membership/Instructor#TeachingAssistant} give {@code Instructor} and {@code TeachingAssistant}.
   */
  static String shortName(String raw) {
    String s = raw.trim();
    int hash = s.lastIndexOf('#');
    if (hash >= 0) {
      return s.substring(hash + 1);
    }
    int slash = s.lastIndexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }
}
