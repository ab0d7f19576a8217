package uk.isafe.practice.scenario.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.Fixtures;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.NodeKind;

class EngineTest {
  private final LoadedScenario tiny = Fixtures.tinyCall();
  private final Engine engine = new Engine(tiny);

  private static List<String> ids(List<Choice> choices) {
    return choices.stream().map(Choice::id).toList();
  }

  @Test
  void start_rests_at_the_start_node_with_initial_variables() {
    PlayState s = engine.start();
    assertEquals("hello", s.nodeId());
    assertEquals(Map.of("rapport", 1, "has_number", 0), s.vars());
    TurnView v = engine.view(s);
    assertEquals(NodeKind.TURN, v.kind());
    assertEquals("Dan", v.speaker().name());
    assertEquals(List.of("reflect-surprise", "ask-why-absent", "explain-process"), ids(v.enabledChoices()));
    assertFalse(v.isEnd());
    assertFalse(engine.isEnd(s));
    assertEquals(0.0, v.progress());
    assertNull(v.previousChoice());
  }

  @Test
  void a_choice_whose_condition_fails_is_neither_offered_nor_accepted() {
    PlayState s = engine.choose(engine.start(), "ask-why-absent");
    assertEquals("ask-view", s.nodeId());
    assertEquals(List.of("affirm-call", "warn-him", "open-question"), ids(engine.view(s).enabledChoices()));
    InvalidChoiceException e = assertThrows(InvalidChoiceException.class, () -> engine.choose(s, "ask-details"));
    assertEquals(InvalidChoiceException.Reason.NOT_OFFERED, e.reason());
  }

  @Test
  void effects_apply_and_branch_nodes_resolve_to_the_matching_ending() {
    PlayState s = engine.choose(engine.choose(engine.start(), "reflect-surprise"), "ask-details");
    assertEquals("engaged-end", s.nodeId());
    assertEquals(Map.of("rapport", 2, "has_number", 1), s.vars());
    assertTrue(engine.view(s).isEnd());
    assertTrue(engine.isEnd(s));
    assertEquals("ask-details", engine.view(s).previousChoice().id());
  }

  @Test
  void int_effects_are_clamped_to_the_variable_bounds() {
    PlayState s = engine.choose(engine.start(), "ask-why-absent");
    assertEquals(0, s.vars().get("rapport"), "1 - 2 clamps to min 0");
    PlayState up = engine.choose(engine.choose(engine.choose(engine.start(), "reflect-surprise"), "affirm-call"),
        "open-question");
    assertEquals(3, up.vars().get("rapport"));
  }

  @Test
  void narration_takes_a_continue_and_records_it_as_an_empty_choice() {
    PlayState s = engine.choose(engine.start(), "explain-process");
    assertEquals("hello-again", s.nodeId());
    assertTrue(engine.view(s).enabledChoices().isEmpty());
    InvalidChoiceException e = assertThrows(InvalidChoiceException.class,
        () -> engine.choose(s, "reflect-surprise"));
    assertEquals(InvalidChoiceException.Reason.NOT_A_TURN, e.reason());
    PlayState back = engine.advance(s);
    assertEquals("hello", back.nodeId());
    assertEquals(List.of("explain-process", ""), back.choiceIds());
    assertEquals(1, back.turnsTaken());
    assertThrows(InvalidChoiceException.class, () -> engine.advance(back));
  }

  @Test
  void a_choice_revisited_in_a_loop_scores_once() {
    PlayState s = engine.replay(List.of("reflect-surprise", "affirm-call", "affirm-call", "affirm-call",
        "open-question"));
    Outcome o = engine.outcome(s);
    assertEquals("partial", o.outcome());
    assertEquals(4, o.rawPoints().get("C1_risk_resource"), "2 + 1 (once) + 1");
    assertEquals(1.0, o.competencyScores().get("C1_risk_resource"));
    assertEquals(2, o.rawPoints().get("C6_mi_spirit"), "RC +1, AF +1 once, OQ 0");
  }

  @Test
  void scores_are_normalised_by_the_computed_maximum_and_weighted() {
    // the best path (reflect-surprise, ask-details) sets the maxima: it scores 100
    Outcome best = engine.outcome(engine.replay(List.of("reflect-surprise", "ask-details")));
    assertEquals("engaged-end", best.ending().id());
    assertEquals(100.0, best.overall());
    Outcome o = engine.outcome(engine.replay(List.of("reflect-surprise", "open-question")));
    assertEquals(1.0, o.competencyScores().get("C1_risk_resource"), 1e-9, "3 of 2: clamped, never above 100");
    assertEquals(1.0 / 3, o.competencyScores().get("C3_recording_details"), 1e-9);
    assertEquals(0.5, o.competencyScores().get("C6_mi_spirit"), 1e-9);
    // weights C1 1, C3 2, C6 1: (1 + 2 × 0.333 + 0.5) / 4 = 54.2
    assertEquals(54.2, o.overall());
  }

  @Test
  void negative_totals_clamp_to_zero() {
    Outcome o = engine.outcome(engine.replay(List.of("ask-why-absent", "warn-him")));
    assertEquals("disengaged", o.outcome());
    assertEquals(-3, o.rawPoints().get("C1_risk_resource"));
    assertEquals(0.0, o.competencyScores().get("C1_risk_resource"));
    assertEquals(0.0, o.overall());
  }

  @Test
  void practice_indicators_count_the_chosen_tags() {
    Outcome o = engine.outcome(engine.replay(List.of("reflect-surprise", "affirm-call", "ask-details")));
    Indicators i = o.indicators();
    assertEquals(1, i.reflections());
    assertEquals(1, i.questions());
    assertEquals(1, i.complexReflections());
    assertEquals(2, i.adherent());
    assertEquals(0, i.nonAdherent());
    assertEquals(1.0, i.reflectionToQuestion());
    assertEquals(Indicators.Band.FAIR, i.reflectionToQuestionBand());
    assertEquals(100.0, i.percentComplex());
    Indicators bad = engine.outcome(engine.replay(List.of("ask-why-absent", "warn-him"))).indicators();
    assertEquals(2, bad.nonAdherent());
    assertNull(bad.percentComplex());
    assertEquals(Indicators.Band.BELOW, bad.reflectionToQuestionBand());
  }

  @Test
  void outcome_carries_the_transcript_and_is_refused_before_an_ending() {
    PlayState s = engine.replay(List.of("explain-process", "", "reflect-surprise", "ask-details"));
    Outcome o = engine.outcome(s);
    assertEquals(List.of("hello", "hello-again", "hello", "ask-view", "engaged-end"),
        o.transcript().stream().map(e -> e.node().id()).toList());
    assertNull(o.transcript().get(1).choice());
    assertEquals(1, o.rawPoints().get("C6_mi_spirit"), "RR −1, RC +1, SC +1");
    InvalidChoiceException e = assertThrows(InvalidChoiceException.class, () -> engine.outcome(engine.start()));
    assertEquals(InvalidChoiceException.Reason.BAD_STATE, e.reason());
  }

  @Test
  void replay_rebuilds_the_same_state_and_rejects_bad_steps() {
    PlayState live = engine.choose(engine.advance(engine.choose(engine.start(), "explain-process")),
        "reflect-surprise");
    assertEquals(live, engine.replay(live.choiceIds()));
    InvalidChoiceException unknown = assertThrows(InvalidChoiceException.class,
        () -> engine.replay(List.of("no-such-choice")));
    assertEquals(InvalidChoiceException.Reason.UNKNOWN_CHOICE, unknown.reason());
    InvalidChoiceException atEnd = assertThrows(InvalidChoiceException.class,
        () -> engine.replay(List.of("ask-why-absent", "warn-him", "warn-him")));
    assertEquals(InvalidChoiceException.Reason.AT_END, atEnd.reason());
  }

  @Test
  void progress_is_turns_taken_over_taken_plus_shortest_remaining() {
    PlayState s = engine.choose(engine.start(), "reflect-surprise");
    assertEquals(0.5, engine.progress(s), 1e-9);
    PlayState looped = engine.choose(s, "affirm-call");
    assertEquals(2.0 / 3, engine.progress(looped), 1e-9);
    assertEquals(1.0, engine.progress(engine.choose(looped, "warn-him")));
  }

  @Test
  void analysis_computes_ranges_over_complete_paths_counting_loops_once() {
    ScenarioAnalysis a = tiny.analysis();
    // maxima are the best safe path's points (reflect-surprise, ask-details), not per-competency graph maxima
    assertEquals(Map.of("C1_risk_resource", 2, "C3_recording_details", 3, "C6_mi_spirit", 2), a.maxPoints());
    assertEquals(List.of("hello/reflect-surprise", "ask-view/ask-details"), a.bestPath().steps());
    assertEquals(Map.of("C1_risk_resource", -3, "C3_recording_details", 0, "C6_mi_spirit", -3), a.minPoints());
    assertEquals(List.of("engaged-end", "partial-end", "hangs-up"), a.endings());
    assertEquals(7, a.reachableNodes().size());
    assertTrue(a.exactCountOnce());
    assertTrue(a.completePaths() > 6, "at least the loop-free paths");
    assertEquals(64, tiny.contentHash().length());
  }
}
