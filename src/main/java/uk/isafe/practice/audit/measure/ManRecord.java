package uk.isafe.practice.audit.measure;

import java.util.Map;

/** One man's answers on one audited case: his role in the child's life and an answer per per-man item. */
public record ManRecord(String role, Map<String, Answer> answers) {
  public ManRecord {
    answers = Map.copyOf(answers);
  }
}
