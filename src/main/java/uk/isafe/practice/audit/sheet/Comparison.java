package uk.isafe.practice.audit.sheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.measure.Agreement;
import uk.isafe.practice.audit.measure.Answer;

/**
 * Two blind audits of the same case compared: the items on which they differ (for the moderator) and the answer
 * pairs per item (for agreement statistics). Men are matched by position; a man recorded by only one auditor makes
 * every per-man item for him a disagreement, with the other side absent. Pure Java.
 */
public final class Comparison {

  /** An item where the two audits differ. {@code first}/{@code second} are empty where that auditor had no man. */
  public record Difference(AnswerSheet.Key key, Optional<AnswerSheet.Given> first, Optional<AnswerSheet.Given> second) {
  }

  private Comparison() {
  }

  public static List<Difference> differences(AuditBank bank, AnswerSheet a, AnswerSheet b) {
    List<Difference> out = new ArrayList<>();
    int men = Math.max(maxMan(a), maxMan(b));
    for (int m = 1; m <= men; m++) {
      for (BankItem i : bank.manItems()) {
        compare(out, new AnswerSheet.Key(m, i.id()), a, b);
      }
    }
    for (BankItem i : bank.childItems()) {
      compare(out, new AnswerSheet.Key(AnswerSheet.CHILD, i.id()), a, b);
    }
    return out;
  }

  private static void compare(List<Difference> out, AnswerSheet.Key k, AnswerSheet a, AnswerSheet b) {
    Optional<AnswerSheet.Given> x = Optional.ofNullable(a.answers().get(k));
    Optional<AnswerSheet.Given> y = Optional.ofNullable(b.answers().get(k));
    Optional<Answer> ax = x.map(AnswerSheet.Given::answer);
    Optional<Answer> ay = y.map(AnswerSheet.Given::answer);
    if (!ax.equals(ay)) {
      out.add(new Difference(k, x, y));
    }
  }

  private static int maxMan(AnswerSheet s) {
    return s.men().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /**
   * Answer pairs per item over several double-audited cases, for {@link Agreement}: only where both auditors
   * answered (a man recorded by one auditor only is a disagreement for the moderator, not a rating pair).
   */
  public static Map<String, List<Agreement.Pair>> pairsByItem(AuditBank bank, List<AnswerSheet[]> doubled) {
    Map<String, List<Agreement.Pair>> out = new LinkedHashMap<>();
    bank.allItems().forEach(i -> out.put(i.id(), new ArrayList<>()));
    for (AnswerSheet[] pair : doubled) {
      pair[0].answers().forEach((k, given) -> {
        AnswerSheet.Given other = pair[1].answers().get(k);
        if (other != null && out.containsKey(k.itemId())) {
          out.get(k.itemId()).add(new Agreement.Pair(given.answer(), other.answer()));
        }
      });
    }
    return out;
  }
}
