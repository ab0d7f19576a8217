package uk.isafe.practice.audit.bank;

/**
 * A reason an audit item bank cannot be used: the file, the line (0 when unknown), what it concerns ({@code item
 * 'm-seen'}, {@code indicator 'engaged'}, or null) and what is wrong, in words an author can act on.
 */
public record BankProblem(String file, int line, String subject, String message) {

  public static String item(String id) {
    return "item '" + id + "'";
  }

  public static String indicator(String id) {
    return "indicator '" + id + "'";
  }

  public static String section(String id) {
    return "section '" + id + "'";
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + (subject == null ? "" : subject + ": ") + message;
  }
}
