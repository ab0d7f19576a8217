package uk.isafe.practice.audit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.audit.bank.Nation;
import uk.isafe.practice.audit.protect.AgeBand;

/** Pasted case lists, sampling, double-audit share, assignment and round states. */
class RoundLogicTest {
  private static final AuditBank BANK = BankLibrary.load(Path.of("scenarios/audit")).find("father-inclusion")
      .orElseThrow();

  private static PastedCases.Result parse(String text) {
    return PastedCases.parse(text, BANK, BANK.text("en-GB", Nation.ENGLAND));
  }

  @Test
  void a_pasted_list_reads_references_stages_by_id_or_label_and_age_bands() {
    PastedCases.Result r = parse("ab 1001\n\nAB1002, cp, 5-9\r\nAB1003\tChild in Need\t16-plus\n");
    assertEquals(List.of(), r.problems());
    assertEquals(3, r.cases().size());
    assertEquals("AB1001", r.cases().get(0).reference());
    assertEquals(Optional.of("cp"), r.cases().get(1).stage());
    assertEquals(Optional.of(AgeBand.AGE_5_9), r.cases().get(1).ageBand());
    assertEquals(Optional.of("cin"), r.cases().get(2).stage());
  }

  @Test
  void each_bad_line_is_named_and_nothing_is_kept() {
    PastedCases.Result r = parse("AB1001\nJohn Smith\nAB1001\nAB1004, court, 5-9\nAB1005, cp, 2014\n");
    assertTrue(r.cases().isEmpty());
    assertEquals(List.of(new PastedCases.Problem(2, "audit.cases.noDigit", ""),
        new PastedCases.Problem(3, "audit.cases.duplicate", ""),
        new PastedCases.Problem(4, "audit.cases.unknownStage", "court"),
        new PastedCases.Problem(5, "audit.cases.unknownAgeBand", "2014")), r.problems());
    assertEquals("audit.cases.none", parse("  \n").problems().get(0).key());
  }

  @Test
  void random_samples_are_reproducible_with_a_seed_and_themed_keeps_the_stage() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      s.append("C").append(1000 + i).append(i % 2 == 0 ? ", cp" : ", cin").append('\n');
    }
    List<PastedCases.Line> listed = parse(s.toString()).cases();
    List<PastedCases.Line> a = Sampling.sample(listed, 10, Optional.empty(), new Random(7));
    assertEquals(a, Sampling.sample(listed, 10, Optional.empty(), new Random(7)));
    assertEquals(10, new HashSet<>(a).size());
    assertNotEquals(listed.subList(0, 10), a, "not simply the first ten");
    List<PastedCases.Line> themed = Sampling.sample(listed, 30, Optional.of("cp"), new Random(7));
    assertEquals(20, themed.size(), "only 20 cp cases exist");
    assertTrue(themed.stream().allMatch(l -> l.stage().equals(Optional.of("cp"))));
  }

  @Test
  void the_double_audit_share_rounds_up_and_never_pairs_an_auditor_with_himself() {
    assertEquals(1, Sampling.doubleCount(5, 10));
    assertEquals(2, Sampling.doubleCount(11, 10));
    assertEquals(0, Sampling.doubleCount(10, 0));
    List<Integer> doubled = Sampling.doubleAudited(10, 20, new Random(1));
    assertEquals(2, doubled.size());
    List<long[]> a = Sampling.assign(10, List.of(11L, 12L, 13L), doubled);
    assertEquals(11L, a.get(0)[0]);
    assertEquals(12L, a.get(1)[0]);
    for (int i : doubled) {
      assertEquals(2, a.get(i).length);
      assertNotEquals(a.get(i)[0], a.get(i)[1]);
    }
    assertEquals(1, Sampling.assign(3, List.of(11L), List.of(0)).get(0).length, "one auditor: no second");
  }

  @Test
  void rounds_only_move_forward_one_state_at_a_time() {
    assertTrue(RoundState.PLANNED.canMoveTo(RoundState.OPEN));
    assertFalse(RoundState.PLANNED.canMoveTo(RoundState.CLOSED));
    assertFalse(RoundState.CLOSED.canMoveTo(RoundState.OPEN));
    assertFalse(RoundState.MODERATING.acceptsAnswers());
    assertEquals(Optional.of(RoundState.MODERATING), RoundState.parse("moderating"));
  }
}
