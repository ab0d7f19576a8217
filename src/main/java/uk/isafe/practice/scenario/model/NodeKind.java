package uk.isafe.practice.scenario.model;

import java.util.Locale;

public enum NodeKind {
  TURN, NARRATION, BRANCH, END;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NodeKind of(String yaml) {
    return valueOf(yaml.toUpperCase(Locale.ROOT));
  }
}
