package uk.isafe.practice.assessment.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.instrument.Wave;

/**
 * Scale scores: the mean of the answered items, reverse-scored items counted as {@code min + max - answer}, and only
 * when at least {@value #MIN_ANSWERED_PERCENT}% of the scale's items are answered (otherwise "incomplete", no mean).
 * Answers outside the scale's points count as unanswered. Pure Java.
 */
public final class Scoring {
  public static final int MIN_ANSWERED_PERCENT = 80;

  private Scoring() {
  }

  /** The value an answer contributes: reversed for reverse-scored items. */
  public static int scored(Scale scale, Item item, int answer) {
    return item.reverse() ? scale.min() + scale.max() - answer : answer;
  }

  public static ScaleScore score(Scale scale, Map<String, Integer> answers, boolean retrospective) {
    int answered = 0;
    long sum = 0;
    for (Item item : scale.items()) {
      Integer a = answers.get(item.id());
      if (a != null && scale.accepts(a)) {
        answered++;
        sum += scored(scale, item, a);
      }
    }
    int total = scale.items().size();
    boolean enough = total > 0 && answered * 100 >= MIN_ANSWERED_PERCENT * total;
    OptionalDouble mean = enough ? OptionalDouble.of((double) sum / answered) : OptionalDouble.empty();
    return new ScaleScore(scale.id(), mean, answered, total, retrospective);
  }

  /**
   * Scores for every scale of {@code wave} on the items the wave asks, then the retrospective block (if the wave has
   * one) from its answers.
   */
  public static List<ScaleScore> scoreWave(Instrument instrument, Wave wave, Map<String, Integer> answers,
      Map<String, Integer> retrospectiveAnswers) {
    List<ScaleScore> out = new ArrayList<>();
    for (String scaleId : wave.scaleIds()) {
      out.add(score(instrument.asked(wave, scaleId).orElseThrow(), answers, false));
    }
    wave.retrospective().ifPresent(r -> out.add(score(instrument.retrospectiveScale(wave).orElseThrow(),
        retrospectiveAnswers, true)));
    return List.copyOf(out);
  }
}
