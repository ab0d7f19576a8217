package uk.isafe.practice.scenario.model;

import java.util.ArrayList;
import java.util.List;

/** The fixed competency list. C6 is computed from tags and always scored. */
public final class Competencies {
  public static final String MI_SPIRIT = "C6_mi_spirit";
  public static final List<String> AUTHORED = List.of("C1_risk_resource", "C2_inclusive_assessment",
      "C3_recording_details", "C4_discord", "C5_da_safety");

  private Competencies() {
  }

  public static List<String> scored(List<String> declared) {
    List<String> out = new ArrayList<>(declared);
    out.add(MI_SPIRIT);
    return List.copyOf(out);
  }
}
