package uk.isafe.practice.audit.sheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.bank.Scope;
import uk.isafe.practice.audit.measure.Answer;

/**
 * The rules an answer and a sheet must follow, returned as message keys of the bundle so the form can say exactly
 * what is wrong: an answer is Yes, Partly, No or N/A; N/A needs a reason this item allows; per-man items go to a
 * recorded man; a sheet is complete when every item has an answer for every man and for the child, the judgement
 * is given and at least one man is recorded. Pure Java.
 */
public final class SheetRules {
  public static final int MAX_MEN = 8;

  /** What is missing or wrong, by key and where. */
  public record Gap(AnswerSheet.Key where, String messageKey) {
  }

  private SheetRules() {
  }

  /** Checks one answer; empty when it may be saved. */
  public static Optional<String> check(AuditBank bank, AnswerSheet sheet, int man, String itemId, String answer,
      String naReason) {
    Optional<BankItem> item = bank.item(itemId);
    if (item.isEmpty()) {
      return Optional.of("audit.form.error.unknownItem");
    }
    Scope scope = item.get().scope();
    if (scope == Scope.CHILD && man != AnswerSheet.CHILD) {
      return Optional.of("audit.form.error.unknownItem");
    }
    if (scope == Scope.MAN && !sheet.men().containsKey(man)) {
      return Optional.of("audit.form.error.unknownMan");
    }
    Optional<Answer> a = Answer.parse(answer);
    if (a.isEmpty()) {
      return Optional.of("audit.form.error.chooseAnswer");
    }
    if (a.get() == Answer.NA) {
      if (item.get().naReasons().isEmpty()) {
        return Optional.of("audit.form.error.naNotAllowed");
      }
      if (naReason == null || naReason.isBlank()) {
        return Optional.of("audit.form.error.naReason");
      }
      if (!item.get().allowsNa(naReason)) {
        return Optional.of("audit.form.error.naReasonNotAllowed");
      }
    }
    return Optional.empty();
  }

  /** Checks a man's role; empty when it may be added. */
  public static Optional<String> checkMan(AuditBank bank, AnswerSheet sheet, String role) {
    if (role == null || !bank.hasManRole(role)) {
      return Optional.of("audit.form.error.chooseRole");
    }
    if (sheet.men().size() >= MAX_MEN) {
      return Optional.of("audit.form.error.tooManyMen");
    }
    return Optional.empty();
  }

  /** Everything still missing before the sheet can be submitted, in form order. */
  public static List<Gap> gaps(AuditBank bank, AnswerSheet sheet) {
    List<Gap> out = new ArrayList<>();
    if (sheet.men().isEmpty()) {
      out.add(new Gap(new AnswerSheet.Key(1, ""), "audit.form.error.noMen"));
    }
    for (int man : sheet.men().keySet().stream().sorted().toList()) {
      for (BankItem i : bank.manItems()) {
        if (sheet.get(man, i.id()).isEmpty()) {
          out.add(new Gap(new AnswerSheet.Key(man, i.id()), "audit.form.error.unanswered"));
        }
      }
    }
    for (BankItem i : bank.childItems()) {
      if (sheet.get(AnswerSheet.CHILD, i.id()).isEmpty()) {
        out.add(new Gap(new AnswerSheet.Key(AnswerSheet.CHILD, i.id()), "audit.form.error.unanswered"));
      }
    }
    if (sheet.judgement().isEmpty()) {
      out.add(new Gap(new AnswerSheet.Key(AnswerSheet.CHILD, "judgement"), "audit.form.error.judgement"));
    }
    return out;
  }
}
