package uk.isafe.practice.audit.bank;

/** Whether a section's items are asked once per man in the child's life or once per child. */
public enum Scope {
  MAN, CHILD;

  public static Scope of(String yaml) {
    return "man".equals(yaml) ? MAN : CHILD;
  }
}
