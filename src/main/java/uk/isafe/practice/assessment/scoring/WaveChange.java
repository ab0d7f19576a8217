package uk.isafe.practice.assessment.scoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import uk.isafe.practice.assessment.instrument.Scale;

/**
 * A learner's self-reported change on one scale between two waves (pre → post, pre → follow-up): both scored on the
 * same items only. Within one version of an instrument the validator guarantees a scale asks the same items at every
 * wave; across versions only the items both versions share are compared ({@code sharedOnly}), and a scale with no
 * shared items (or answered on different points) has no earlier score. The retrospective ("thinking back") score is
 * carried beside the earlier score on the same items, never in its place. Pure Java.
 *
 * @param from          the earlier wave's score on the compared items; empty when not asked, not comparable or
 *                      incomplete
 * @param to            the later wave's score on the compared items (on all its items when there is nothing to
 *                      compare with)
 * @param items         how many items were compared (or scored, when there is no earlier wave)
 * @param sharedOnly    true when the two waves' versions ask different items and only the shared ones were used
 * @param acrossVersions true when the two waves were answered under different versions of the instrument
 */
public record WaveChange(String scaleId, OptionalDouble from, OptionalDouble to, OptionalDouble retrospective,
    int items, boolean sharedOnly, boolean acrossVersions) {

  public OptionalDouble difference() {
    return from.isPresent() && to.isPresent() ? OptionalDouble.of(to.getAsDouble() - from.getAsDouble())
        : OptionalDouble.empty();
  }

  /**
   * One change per scale the later wave asks (in its order). {@code from} may be empty: a learner with no earlier
   * wave gets their later scores and no change.
   */
  public static List<WaveChange> between(Optional<Answered> from, Answered to) {
    List<WaveChange> out = new ArrayList<>();
    boolean acrossVersions = from.isPresent() && from.get().version() != to.version();
    Optional<String> retroScale = to.wave().retrospective().map(r -> r.scaleId());
    for (String scaleId : to.wave().scaleIds()) {
      Scale later = to.instrument().asked(to.wave(), scaleId).orElseThrow();
      Optional<Scale> earlier = from.flatMap(f -> f.instrument().asked(f.wave(), scaleId))
          .filter(s -> s.samePoints(later));
      Set<String> basis = new LinkedHashSet<>(later.itemIds());
      earlier.ifPresent(e -> basis.retainAll(e.itemIds()));
      boolean comparable = earlier.isPresent() && !basis.isEmpty();
      Scale laterOn = comparable ? later.restrictedTo(basis) : later;
      OptionalDouble fromMean = comparable ? Scoring.score(earlier.get().restrictedTo(basis), from.get().answers(),
          false).mean() : OptionalDouble.empty();
      OptionalDouble toMean = Scoring.score(laterOn, to.answers(), false).mean();
      OptionalDouble retro = retroScale.filter(scaleId::equals)
          .map(x -> Scoring.score(laterOn, to.retrospectiveAnswers(), true).mean()).orElse(OptionalDouble.empty());
      boolean sharedOnly = comparable && (basis.size() < later.items().size()
          || basis.size() < earlier.get().items().size());
      out.add(new WaveChange(scaleId, fromMean, toMean, retro, laterOn.items().size(), sharedOnly,
          acrossVersions));
    }
    return List.copyOf(out);
  }

  /** True when any scale of {@code changes} was compared on shared items only. */
  public static boolean anySharedOnly(List<WaveChange> changes) {
    return changes.stream().anyMatch(WaveChange::sharedOnly);
  }
}
