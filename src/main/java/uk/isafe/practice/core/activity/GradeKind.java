package uk.isafe.practice.core.activity;

import java.util.Optional;

/**
 * A kind of result sent to the LMS gradebook: its name (or, with {@code family}, a name prefix such as
 * {@code competency:}), which gradebook column it goes to, the column's maximum, the message key of the column label
 * (arguments: the activity title, then the part of the name after a family prefix) and the message key that says how
 * the value is formed.
 *
 * @param requiresCustom a custom parameter that must be {@code true} on the link for this kind to be sent at all
 */
public record GradeKind(String name, boolean family, Column column, double maximum, String labelKey,
    String meaningKey, Optional<String> requiresCustom) {

  /** Where a result of this kind goes. */
  public enum Column {
    /** The link's own grade item (Moodle creates it with the activity). */
    ACTIVITY,
    /** A column the tool finds or creates in the course, keyed by the link and the kind. */
    TOOL_CREATED
  }

  public static GradeKind of(String name, Column column, double maximum, String labelKey, String meaningKey) {
    return new GradeKind(name, false, column, maximum, labelKey, meaningKey, Optional.empty());
  }

  public boolean matches(String kind) {
    return family ? kind.startsWith(name) : kind.equals(name);
  }

  /** For a family, the part of {@code kind} after the prefix; otherwise the kind itself. */
  public String detail(String kind) {
    return family && kind.startsWith(name) ? kind.substring(name.length()) : kind;
  }
}
