package uk.isafe.practice.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Retrospective;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.instrument.Wave;

/** Scoring per wave and change between waves: pre → post on post's scales, pre → follow-up on all, across versions. */
class WaveChangeTest {
  private static final Map<Integer, String> ENDS = Map.of(1, "low", 7, "high");
  private static final Retrospective RETRO = new Retrospective("conf", "Looking back", "Thinking back…");

  private static Scale conf(String... ids) {
    return new Scale("conf", "confidence", "Confidence", "Q?", 1, 7, ENDS,
        java.util.Arrays.stream(ids).map(id -> new Item(id, id, id.startsWith("r"))).toList());
  }

  private static final Scale FREQ = new Scale("freq", "frequency", "Frequency", "Q?", 1, 5, Map.of(1, "n", 5, "a"),
      List.of(new Item("f1", "F1", false), new Item("f2", "F2", false)));

  private static Instrument three(int version, Scale confidence) {
    return new Instrument("i", version, "I", "intro", List.of(confidence, FREQ), List.of(
        new Wave("pre", List.of("conf", "freq"), Optional.empty()),
        new Wave("post", List.of("conf"), Optional.of(RETRO)),
        new Wave("follow-up", List.of(new Wave.WaveScale("conf", List.of()), new Wave.WaveScale("freq", List.of())),
            Optional.empty(), OptionalInt.of(56), Optional.empty())));
  }

  private static final Instrument V2 = three(2, conf("a", "b", "c", "d"));

  private static Answered answered(Instrument i, String wave, Map<String, Integer> answers,
      Map<String, Integer> retro) {
    return new Answered(i, i.wave(wave).orElseThrow(), answers, retro);
  }

  private static double value(OptionalDouble d) {
    return d.orElseThrow();
  }

  @Test
  void post_is_scored_only_on_the_scales_it_asks_and_follow_up_on_all() {
    List<ScaleScore> post = Scoring.scoreWave(V2, V2.wave("post").orElseThrow(),
        Map.of("a", 5, "b", 5, "c", 5, "d", 5, "f1", 1), Map.of("a", 3, "b", 3, "c", 3, "d", 3));
    assertEquals(List.of("conf", "conf"), post.stream().map(ScaleScore::scaleId).toList());
    assertTrue(post.get(1).retrospective());
    List<ScaleScore> followUp = Scoring.scoreWave(V2, V2.wave("follow-up").orElseThrow(),
        Map.of("a", 6, "b", 6, "c", 6, "d", 6, "f1", 4, "f2", 5), Map.of());
    assertEquals(List.of("conf", "freq"), followUp.stream().map(ScaleScore::scaleId).toList());
    assertEquals(4.5, value(followUp.get(1).mean()), 1e-9);
  }

  @Test
  void pre_to_post_covers_post_scales_with_the_retrospective_beside_the_true_pre() {
    Answered pre = answered(V2, "pre", Map.of("a", 4, "b", 4, "c", 4, "d", 4, "f1", 2, "f2", 2), Map.of());
    Answered post = answered(V2, "post", Map.of("a", 6, "b", 6, "c", 5, "d", 5), Map.of("a", 2, "b", 2, "c", 3,
        "d", 3));
    List<WaveChange> changes = WaveChange.between(Optional.of(pre), post);
    assertEquals(1, changes.size(), "frequency is not asked at post, so it has no pre → post change");
    WaveChange c = changes.get(0);
    assertEquals(4.0, value(c.from()), 1e-9);
    assertEquals(5.5, value(c.to()), 1e-9);
    assertEquals(1.5, value(c.difference()), 1e-9);
    assertEquals(2.5, value(c.retrospective()), 1e-9);
    assertEquals(4, c.items());
    assertFalse(c.sharedOnly());
    assertFalse(c.acrossVersions());
  }

  @Test
  void pre_to_follow_up_covers_every_scale_and_has_no_retrospective() {
    Answered pre = answered(V2, "pre", Map.of("a", 4, "b", 4, "c", 4, "d", 4, "f1", 2, "f2", 3), Map.of());
    Answered followUp = answered(V2, "follow-up", Map.of("a", 5, "b", 5, "c", 5, "d", 5, "f1", 4, "f2", 4), Map.of());
    List<WaveChange> changes = WaveChange.between(Optional.of(pre), followUp);
    assertEquals(List.of("conf", "freq"), changes.stream().map(WaveChange::scaleId).toList());
    assertEquals(1.0, value(changes.get(0).difference()), 1e-9);
    assertEquals(1.5, value(changes.get(1).difference()), 1e-9);
    assertTrue(changes.get(0).retrospective().isEmpty());
  }

  @Test
  void across_versions_only_shared_items_are_compared_on_both_sides() {
    Instrument v1 = three(1, conf("a", "b", "old-double"));
    Answered pre = answered(v1, "pre", Map.of("a", 2, "b", 2, "old-double", 7, "f1", 1, "f2", 1), Map.of());
    Answered post = answered(V2, "post", Map.of("a", 4, "b", 4, "c", 7, "d", 7), Map.of("a", 1, "b", 1, "c", 7,
        "d", 7));
    WaveChange c = WaveChange.between(Optional.of(pre), post).get(0);
    assertTrue(c.sharedOnly());
    assertTrue(c.acrossVersions());
    assertEquals(2, c.items());
    assertEquals(2.0, value(c.from()), 1e-9, "old-double is left out of the pre score");
    assertEquals(4.0, value(c.to()), 1e-9, "c and d are left out of the post score");
    assertEquals(2.0, value(c.difference()), 1e-9);
    assertEquals(1.0, value(c.retrospective()), 1e-9, "the retrospective on the same shared items");
    assertTrue(WaveChange.anySharedOnly(List.of(c)));
  }

  @Test
  void across_versions_with_no_shared_item_or_different_points_there_is_no_earlier_score() {
    Instrument v1 = three(1, conf("x", "y"));
    Answered pre = answered(v1, "pre", Map.of("x", 2, "y", 2), Map.of());
    Answered post = answered(V2, "post", Map.of("a", 4, "b", 4, "c", 4, "d", 4), Map.of());
    WaveChange c = WaveChange.between(Optional.of(pre), post).get(0);
    assertTrue(c.from().isEmpty());
    assertEquals(4.0, value(c.to()), 1e-9, "scored on all its own items");
    assertTrue(c.difference().isEmpty());
    Instrument fivePoint = three(1, new Scale("conf", "confidence", "C", "Q?", 1, 5, Map.of(1, "l", 5, "h"),
        List.of(new Item("a", "a", false), new Item("b", "b", false))));
    assertTrue(WaveChange.between(Optional.of(answered(fivePoint, "pre", Map.of("a", 1, "b", 1), Map.of())), post)
        .get(0).from().isEmpty());
  }

  @Test
  void a_learner_with_post_but_no_pre_gets_scores_and_no_change() {
    Answered post = answered(V2, "post", Map.of("a", 6, "b", 6, "c", 6, "d", 6), Map.of("a", 3, "b", 3, "c", 3,
        "d", 3));
    WaveChange c = WaveChange.between(Optional.empty(), post).get(0);
    assertTrue(c.from().isEmpty());
    assertEquals(6.0, value(c.to()), 1e-9);
    assertEquals(3.0, value(c.retrospective()), 1e-9, "the retrospective is still reported, apart");
    assertTrue(c.difference().isEmpty());
    assertFalse(c.acrossVersions());
  }

  @Test
  void an_incomplete_earlier_wave_on_the_compared_items_gives_no_change() {
    Answered pre = answered(V2, "pre", Map.of("a", 4, "b", 4), Map.of());
    Answered post = answered(V2, "post", Map.of("a", 6, "b", 6, "c", 6, "d", 6), Map.of());
    WaveChange c = WaveChange.between(Optional.of(pre), post).get(0);
    assertTrue(c.from().isEmpty(), "2 of 4 answered is under 80%");
    assertTrue(c.difference().isEmpty());
  }

  @Test
  void reverse_items_are_reversed_in_comparisons_too() {
    Instrument withReverse = three(2, conf("a", "r1"));
    Answered pre = answered(withReverse, "pre", Map.of("a", 3, "r1", 7), Map.of());
    Answered post = answered(withReverse, "post", Map.of("a", 5, "r1", 1), Map.of());
    WaveChange c = WaveChange.between(Optional.of(pre), post).get(0);
    assertEquals(2.0, value(c.from()), 1e-9);
    assertEquals(6.0, value(c.to()), 1e-9);
  }
}
