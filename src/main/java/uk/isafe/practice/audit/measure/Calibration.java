package uk.isafe.practice.audit.measure;

import java.util.Map;

/**
 * An auditor's answers on a calibration case against the agreed answers: the share of the agreed answers they
 * matched, and whether that reaches the pass mark (a percentage, e.g. 90). Keys are whatever identifies an answer
 * (e.g. {@code man:1:m-seen}); an agreed answer the auditor did not give counts as a mismatch.
 */
public record Calibration(int matched, int total, boolean passed) {

  public static Calibration score(Map<String, Answer> agreed, Map<String, Answer> given, int passMarkPercent) {
    int matched = 0;
    for (Map.Entry<String, Answer> e : agreed.entrySet()) {
      if (e.getValue() == given.get(e.getKey())) {
        matched++;
      }
    }
    int total = agreed.size();
    boolean passed = total > 0 && matched * 100 >= passMarkPercent * total;
    return new Calibration(matched, total, passed);
  }

  public double percent() {
    return total == 0 ? Double.NaN : (double) matched / total;
  }
}
