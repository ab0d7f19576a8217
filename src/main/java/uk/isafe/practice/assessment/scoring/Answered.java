package uk.isafe.practice.assessment.scoring;

import java.util.Map;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Wave;

/**
 * One learner's answers to one wave, with the version of the instrument they were given to (which may be an earlier
 * version than the one served now).
 */
public record Answered(Instrument instrument, Wave wave, Map<String, Integer> answers,
    Map<String, Integer> retrospectiveAnswers) {

  public Answered {
    answers = Map.copyOf(answers);
    retrospectiveAnswers = Map.copyOf(retrospectiveAnswers);
  }

  public int version() {
    return instrument.version();
  }
}
