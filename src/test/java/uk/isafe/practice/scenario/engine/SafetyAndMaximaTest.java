package uk.isafe.practice.scenario.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/** Scores mean something (the maximum is the best reachable safe path) and safety decides (the cap). */
class SafetyAndMaximaTest {
  static final Path FIXTURE = Path.of("src/test/resources/scenarios/rules/safety-call.yaml");
  private final LoadedScenario loaded = load();
  private final Engine engine = new Engine(loaded);

  static LoadedScenario load() {
    ValidationReport r = ScenarioValidator.validate(FIXTURE);
    assertTrue(r.valid(), () -> r.problems().toString());
    return r.scenario().orElseThrow();
  }

  @Test
  void the_maxima_are_the_best_safe_paths_points_so_the_ideal_conversation_scores_100() {
    BestPath best = loaded.analysis().bestPath();
    assertEquals(List.of("where/hold-line", "sam/ask-sam"), best.steps(), "no SAFE- choice, no unsafe state");
    assertEquals("engaged", best.outcome());
    // per-competency maxima over the whole graph would be C1 4 (tell-area + ask-sam) and C4 7 (tell-area ...)
    assertEquals(Map.of("C1_risk_resource", 3, "C4_discord", 1, "C6_mi_spirit", 1), loaded.analysis().maxPoints());
    assertEquals(100.0, engine.outcome(engine.replay(List.of("hold-line", "ask-sam"))).overall());
  }

  @Test
  void an_unsafe_choice_caps_the_score_and_is_named_whatever_the_ending() {
    Outcome o = engine.outcome(engine.replay(List.of("tell-area", "reflect-helped", "ask-sam")));
    assertEquals("engaged", o.outcome(), "a good-looking ending");
    assertEquals(1.0, o.competencyScores().get("C1_risk_resource"), "the points alone would give 100");
    assertTrue(o.unsafe());
    assertEquals(40.0, o.overall(), "capped at the scenario's stated cap");
    assertEquals(List.of("tell-area"), o.unsafeMoments().stream().map(e -> e.choice().id()).toList());
  }

  @Test
  void declared_safety_critical_state_caps_the_score_without_any_unsafe_choice() {
    Outcome o = engine.outcome(engine.replay(List.of("hold-line", "promise")));
    assertTrue(o.unsafeMoments().isEmpty());
    assertTrue(o.unsafe(), "promised_contact is the scenario's declared unsafe state");
    assertTrue(o.overall() <= 40.0, "capped: " + o.overall());
  }

  @Test
  void a_safe_path_is_not_capped() {
    Outcome o = engine.outcome(engine.replay(List.of("lecture", "ask-sam")));
    assertFalse(o.unsafe());
    assertTrue(o.unsafeMoments().isEmpty());
  }

  @Test
  void options_are_shuffled_per_seed_deterministically() {
    List<String> items = List.of("a", "b", "c", "d");
    assertEquals(ChoiceOrder.shuffle(items, 42L, "n", 3), ChoiceOrder.shuffle(items, 42L, "n", 3));
    int[] firstIsA = new int[1];
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    for (long seed = 0; seed < 400; seed++) {
      List<String> shown = ChoiceOrder.shuffle(items, seed, "n", 0);
      assertEquals(java.util.Set.copyOf(items), java.util.Set.copyOf(shown));
      seen.add(shown);
      firstIsA[0] += shown.get(0).equals("a") ? 1 : 0;
    }
    assertEquals(24, seen.size(), "every order occurs");
    assertTrue(firstIsA[0] > 60 && firstIsA[0] < 140, "the written first is first about a quarter of the time: "
        + firstIsA[0]);
    PlayState start = engine.start();
    long seed = ChoiceOrder.seed(java.util.UUID.randomUUID());
    assertEquals(engine.shownChoices(start, seed), engine.shownChoices(engine.replay(List.of()), seed),
        "a replayed attempt shows the same order");
  }
}
