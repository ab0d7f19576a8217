package uk.isafe.practice.audit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.audit.measure.Agreement;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.sheet.AnswerSheet.Given;
import uk.isafe.practice.audit.sheet.AnswerSheet.Key;

/** Answer rules, completeness and the comparison of two blind audits. */
class SheetTest {
  private static final AuditBank BANK = BankLibrary.load(Path.of("scenarios/audit")).find("father-inclusion")
      .orElseThrow();
  private static final AnswerSheet ONE_MAN = new AnswerSheet(Map.of(1, "father-elsewhere"), Map.of(),
      Optional.empty());

  @Test
  void answers_follow_the_items_rules() {
    assertEquals(Optional.empty(), SheetRules.check(BANK, ONE_MAN, 1, "m-seen", "yes", null));
    assertEquals(Optional.empty(), SheetRules.check(BANK, ONE_MAN, 1, "m-seen", "na", "contact-unsafe"));
    assertEquals(Optional.of("audit.form.error.naReason"), SheetRules.check(BANK, ONE_MAN, 1, "m-seen", "na", ""));
    assertEquals(Optional.of("audit.form.error.naReasonNotAllowed"),
        SheetRules.check(BANK, ONE_MAN, 1, "m-pr", "na", "contact-unsafe"));
    assertEquals(Optional.of("audit.form.error.chooseAnswer"), SheetRules.check(BANK, ONE_MAN, 1, "m-seen", "maybe",
        null));
    assertEquals(Optional.of("audit.form.error.unknownMan"), SheetRules.check(BANK, ONE_MAN, 2, "m-seen", "yes",
        null));
    assertEquals(Optional.of("audit.form.error.unknownItem"), SheetRules.check(BANK, ONE_MAN, 1, "c-household",
        "yes", null));
    assertEquals(Optional.of("audit.form.error.naNotAllowed"), SheetRules.check(BANK, ONE_MAN, 0, "c-household",
        "na", "not-reached"));
    assertEquals(Optional.of("audit.form.error.chooseRole"), SheetRules.checkMan(BANK, ONE_MAN, "uncle-bob"));
  }

  private static AnswerSheet complete(Answer forAll) {
    Map<Key, Given> a = new HashMap<>();
    for (BankItem i : BANK.manItems()) {
      a.put(new Key(1, i.id()), Given.of(forAll));
    }
    for (BankItem i : BANK.childItems()) {
      a.put(new Key(0, i.id()), Given.of(forAll));
    }
    return new AnswerSheet(Map.of(1, "partner"), a, Optional.of("good"));
  }

  @Test
  void a_sheet_is_complete_only_with_every_item_for_every_man_and_the_judgement() {
    assertEquals(List.of(), SheetRules.gaps(BANK, complete(Answer.YES)));
    AnswerSheet noJudgement = new AnswerSheet(complete(Answer.YES).men(), complete(Answer.YES).answers(),
        Optional.empty());
    assertEquals("audit.form.error.judgement", SheetRules.gaps(BANK, noJudgement).get(0).messageKey());
    AnswerSheet twoMen = new AnswerSheet(Map.of(1, "partner", 2, "father-elsewhere"), complete(Answer.YES).answers(),
        Optional.of("good"));
    assertEquals(BANK.manItems().size(), SheetRules.gaps(BANK, twoMen).size(), "every item for the second man");
    AnswerSheet none = new AnswerSheet(Map.of(), Map.of(), Optional.of("good"));
    assertEquals("audit.form.error.noMen", SheetRules.gaps(BANK, none).get(0).messageKey());
  }

  @Test
  void two_blind_audits_differ_where_answers_differ_and_moderation_replaces_them() {
    AnswerSheet a = complete(Answer.YES);
    AnswerSheet b = complete(Answer.YES).with(Map.of(new Key(1, "m-seen"), Given.of(Answer.NO),
        new Key(0, "c-challenge"), Given.na("did-not-arise")));
    List<Comparison.Difference> d = Comparison.differences(BANK, a, b);
    assertEquals(List.of(new Key(1, "m-seen"), new Key(0, "c-challenge")), d.stream().map(Comparison.Difference::key)
        .toList());
    AnswerSheet moderated = a.with(Map.of(new Key(1, "m-seen"), Given.of(Answer.NO)));
    assertEquals(Answer.NO, moderated.get(1, "m-seen").orElseThrow().answer());

    Map<String, List<Agreement.Pair>> pairs = Comparison.pairsByItem(BANK, List.<AnswerSheet[]>of(
        new AnswerSheet[] {a, b}));
    assertEquals(List.of(new Agreement.Pair(Answer.YES, Answer.NO)), pairs.get("m-seen"));
    assertEquals(List.of(new Agreement.Pair(Answer.YES, Answer.YES)), pairs.get("m-pr"));
  }

  @Test
  void a_man_only_one_auditor_recorded_is_a_disagreement_on_every_item() {
    AnswerSheet a = complete(Answer.YES);
    Map<Key, Given> more = new HashMap<>(a.answers());
    BANK.manItems().forEach(i -> more.put(new Key(2, i.id()), Given.of(Answer.NO)));
    AnswerSheet b = new AnswerSheet(Map.of(1, "partner", 2, "unknown"), more, Optional.of("good"));
    List<Comparison.Difference> d = Comparison.differences(BANK, a, b);
    assertEquals(BANK.manItems().size(), d.size());
    assertTrue(d.stream().allMatch(x -> x.first().isEmpty() && x.key().man() == 2));
    assertEquals(2, b.menRecords().size());
    assertEquals("unknown", b.menRecords().get(1).role());
  }
}
