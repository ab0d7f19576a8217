package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.scenario.model.Choice;

/** An attempt replayed for a trainer: each step with the words said and chosen, its tags, reaction and feedback. */
record AttemptView(String id, String scenarioId, String scenarioTitle, int attemptNo, String status, String score,
    Long minutes, Long seconds, String started, String endingTitle, String outcome, List<CohortView.Competency>
    competencies, List<StepView> steps, boolean textsAvailable, Integer attemptVersion, Integer libraryVersion,
    String activity) {

  /** {@code prompt} is what the character said (null when unknown); {@code choiceText} what the worker chose. */
  record StepView(int seq, String nodeId, String prompt, boolean isContinue, String choiceId, String choiceText,
      List<String> tags, String reaction, String feedback) {
  }

  static AttemptView of(AttemptRepository.Attempt a, ScenarioTexts texts) {
    boolean available = texts.scenario(a.scenarioId()).isPresent();
    List<StepView> steps = new ArrayList<>();
    for (AttemptRepository.Event e : a.events()) {
      Choice c = e.isContinue() ? null : texts.choice(a.scenarioId(), e.nodeId(), e.choiceId()).orElse(null);
      steps.add(new StepView(e.seq(), e.nodeId(), texts.prompt(a.scenarioId(), e.nodeId()).orElse(null),
          e.isContinue(), e.choiceId(), c == null ? null : c.text(), e.tags(), c == null ? null : c.reaction(),
          c == null ? null : c.feedback()));
    }
    List<CohortView.Competency> comps = new ArrayList<>();
    for (Map.Entry<String, Double> c : a.competencies().entrySet()) {
      comps.add(new CohortView.Competency(c.getKey(), Fmt.percent(c.getValue())));
    }
    long[] ms = a.duration() == null ? null : Fmt.minutesSeconds(a.duration());
    Integer libVersion = texts.version(a.scenarioId()).orElse(null);
    return new AttemptView(a.id().toString(), a.scenarioId(), texts.title(a.scenarioId()), a.attemptNo(), a.status(),
        a.score() == null ? null : Fmt.score(a.score()), ms == null ? null : ms[0], ms == null ? null : ms[1],
        a.startedAt() == null ? null : a.startedAt().toLocalDate().toString(),
        a.endingNode() == null ? null : texts.endingTitle(a.scenarioId(), a.endingNode()), a.outcome(), comps, steps,
        available, a.version(), libVersion != null && libVersion != a.version() ? libVersion : null, a.activity());
  }
}
