package uk.isafe.practice.assessment.instrument;

/**
 * A reason an instrument or pathway file cannot be served: the file, the line (0 when unknown), what it concerns
 * ({@code item 'conf-risk'}, {@code scale 'confidence'}, or null) and what is wrong, in words an author can act on.
 */
public record Problem(String file, int line, String subject, String message) {

  public static String item(String id) {
    return "item '" + id + "'";
  }

  public static String scale(String id) {
    return "scale '" + id + "'";
  }

  public static String wave(String id) {
    return "wave '" + id + "'";
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + (subject == null ? "" : subject + ": ") + message;
  }
}
