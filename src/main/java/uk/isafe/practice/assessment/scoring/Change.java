package uk.isafe.practice.assessment.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A learner's self-reported change on one scale: post − pre, only when both scale scores are complete. The
 * retrospective ("thinking back") score is carried alongside, never substituted for the true pre score.
 */
public record Change(String scaleId, OptionalDouble pre, OptionalDouble post, OptionalDouble retrospective) {

  public OptionalDouble difference() {
    return pre.isPresent() && post.isPresent() ? OptionalDouble.of(post.getAsDouble() - pre.getAsDouble())
        : OptionalDouble.empty();
  }

  /** One change per scale of {@code post} (in its order), matched with {@code pre} by scale id. */
  public static List<Change> between(List<ScaleScore> pre, List<ScaleScore> post) {
    List<Change> out = new ArrayList<>();
    for (ScaleScore p : post) {
      if (p.retrospective()) {
        continue;
      }
      out.add(new Change(p.scaleId(), meanOf(pre, p.scaleId(), false), p.mean(), meanOf(post, p.scaleId(), true)));
    }
    return List.copyOf(out);
  }

  private static OptionalDouble meanOf(List<ScaleScore> scores, String scaleId, boolean retrospective) {
    Optional<ScaleScore> s = scores.stream()
        .filter(x -> x.scaleId().equals(scaleId) && x.retrospective() == retrospective).findFirst();
    return s.map(ScaleScore::mean).orElse(OptionalDouble.empty());
  }
}
