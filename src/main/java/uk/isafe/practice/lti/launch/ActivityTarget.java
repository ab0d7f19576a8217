package uk.isafe.practice.lti.launch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a resource link delivers, from its custom parameter {@code activity}: {@code scenario:<id>},
 * {@code assessment:<instrument>:pre|post} or {@code pathway:<id>}. Anything else is "not set up".
 */
public record ActivityTarget(String kind, String path) {
  private static final String ID = "[a-z0-9][a-z0-9_-]{0,63}";
  private static final Pattern SCENARIO = Pattern.compile("scenario:(" + ID + ")");
  private static final Pattern ASSESSMENT = Pattern.compile("assessment:(" + ID + "):(pre|post)");
  private static final Pattern PATHWAY = Pattern.compile("pathway:(" + ID + ")");

  public static Optional<ActivityTarget> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    Matcher m = SCENARIO.matcher(v);
    if (m.matches()) {
      return Optional.of(new ActivityTarget("scenario", "/scenario/" + m.group(1)));
    }
    m = ASSESSMENT.matcher(v);
    if (m.matches()) {
      return Optional.of(new ActivityTarget("assessment", "/assessment/" + m.group(1) + "/" + m.group(2)));
    }
    m = PATHWAY.matcher(v);
    if (m.matches()) {
      return Optional.of(new ActivityTarget("pathway", "/pathway/" + m.group(1)));
    }
    return Optional.empty();
  }
}
