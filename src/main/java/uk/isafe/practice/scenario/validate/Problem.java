package uk.isafe.practice.scenario.validate;

/**
 * One validation finding. {@code line} is 0 when unknown; node and choice ids may be null.
 * {@link #format()} gives {@code scenarios/x.yaml:42: node 'first-call' choice 'warn-him': message}.
 */
public record Problem(Severity severity, String file, int line, String nodeId, String choiceId, String message) {

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String format() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ");
    if (nodeId != null) {
      b.append("node '").append(nodeId).append("' ");
    }
    if (choiceId != null) {
      b.append("choice '").append(choiceId).append("' ");
    }
    if (nodeId != null || choiceId != null) {
      b.setLength(b.length() - 1);
      b.append(": ");
    }
    return b.append(message).toString();
  }

  @Override
  public String toString() {
    return (isError() ? "ERROR   " : "WARNING ") + format();
  }
}
