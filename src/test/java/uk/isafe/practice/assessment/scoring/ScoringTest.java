package uk.isafe.practice.assessment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Retrospective;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.instrument.Wave;

class ScoringTest {
  private static final Scale FIVE = new Scale("s", "confidence", "S", "Q?", 1, 7, Map.of(1, "low", 7, "high"),
      List.of(new Item("a", "A", false), new Item("b", "B", false), new Item("c", "C", false),
          new Item("d", "D", false), new Item("r", "R", true)));

  private static Map<String, Integer> answers(Object... pairs) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return m;
  }

  @Test
  void all_answered_gives_the_mean_with_reverse_items_reversed() {
    ScaleScore s = Scoring.score(FIVE, answers("a", 7, "b", 6, "c", 5, "d", 4, "r", 2), false);
    // r = 1 + 7 - 2 = 6 → (7+6+5+4+6)/5
    assertEquals(28.0 / 5, s.mean().getAsDouble(), 1e-9);
    assertEquals(5, s.answered());
    assertEquals("complete", s.status());
  }

  @Test
  void reverse_item_at_each_end_maps_to_the_other_end() {
    Scale one = new Scale("x", "frequency", "X", "Q?", 1, 5, Map.of(1, "n", 5, "a"), List.of(new Item("r", "R", true)));
    assertEquals(5.0, Scoring.score(one, answers("r", 1), false).mean().getAsDouble());
    assertEquals(1.0, Scoring.score(one, answers("r", 5), false).mean().getAsDouble());
    assertEquals(3.0, Scoring.score(one, answers("r", 3), false).mean().getAsDouble());
  }

  @Test
  void exactly_eighty_percent_answered_is_complete_over_the_answered_items() {
    ScaleScore s = Scoring.score(FIVE, answers("a", 4, "b", 4, "c", 5, "d", 7), false);
    assertTrue(s.complete());
    assertEquals(5.0, s.mean().getAsDouble(), 1e-9);
    assertEquals(4, s.answered());
    assertEquals(5, s.total());
  }

  @Test
  void below_eighty_percent_answered_is_incomplete_with_no_mean() {
    ScaleScore s = Scoring.score(FIVE, answers("a", 4, "b", 4, "c", 5), false);
    assertFalse(s.complete());
    assertEquals(OptionalDouble.empty(), s.mean());
    assertEquals("incomplete", s.status());
    assertEquals(3, s.answered());
  }

  @Test
  void nothing_answered_is_incomplete() {
    ScaleScore s = Scoring.score(FIVE, Map.of(), false);
    assertFalse(s.complete());
    assertEquals(0, s.answered());
  }

  @Test
  void answers_outside_the_scale_count_as_unanswered() {
    ScaleScore s = Scoring.score(FIVE, answers("a", 8, "b", 0, "c", 5, "d", 5, "r", 4), false);
    assertEquals(3, s.answered());
    assertFalse(s.complete());
  }

  @Test
  void nine_of_ten_answered_is_complete_but_seven_of_ten_is_not() {
    List<Item> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> new Item("i" + i, "I", false)).toList();
    Scale s = new Scale("t", "competence", "T", "Q?", 1, 7, Map.of(1, "l", 7, "h"), ten);
    Map<String, Integer> nine = new HashMap<>();
    for (int i = 0; i < 9; i++) {
      nine.put("i" + i, 3);
    }
    assertTrue(Scoring.score(s, nine, false).complete());
    nine.remove("i0");
    nine.remove("i1");
    assertFalse(Scoring.score(s, nine, false).complete());
  }

  @Test
  void post_wave_scores_the_retrospective_block_apart_and_change_uses_the_true_pre() {
    Instrument inst = new Instrument("i", 1, "I", "intro", List.of(FIVE), List.of(
        new Wave("pre", List.of("s"), Optional.empty()),
        new Wave("post", List.of("s"), Optional.of(new Retrospective("s", "Looking back", "Thinking back…")))));
    List<ScaleScore> pre = Scoring.scoreWave(inst, inst.wave("pre").orElseThrow(),
        answers("a", 4, "b", 4, "c", 4, "d", 4, "r", 4), Map.of());
    List<ScaleScore> post = Scoring.scoreWave(inst, inst.wave("post").orElseThrow(),
        answers("a", 6, "b", 6, "c", 6, "d", 6, "r", 2), answers("a", 2, "b", 2, "c", 2, "d", 2, "r", 6));
    assertEquals(1, pre.size());
    assertEquals(2, post.size());
    assertTrue(post.get(1).retrospective());
    assertEquals(2.0, post.get(1).mean().getAsDouble(), 1e-9);
    List<WaveChange> change = WaveChange.between(Optional.of(new Answered(inst, inst.wave("pre").orElseThrow(),
        answers("a", 4, "b", 4, "c", 4, "d", 4, "r", 4), Map.of())), new Answered(inst, inst.wave("post")
        .orElseThrow(), answers("a", 6, "b", 6, "c", 6, "d", 6, "r", 2), answers("a", 2, "b", 2, "c", 2, "d", 2,
        "r", 6)));
    assertEquals(1, change.size());
    assertEquals(2.0, change.get(0).difference().getAsDouble(), 1e-9);
    assertEquals(4.0, change.get(0).from().getAsDouble(), 1e-9);
    assertEquals(2.0, change.get(0).retrospective().getAsDouble(), 1e-9);
  }
}
