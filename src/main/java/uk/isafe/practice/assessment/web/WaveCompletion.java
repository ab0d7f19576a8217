package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.scoring.ScaleScore;
import uk.isafe.practice.assessment.scoring.Scoring;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.web.Messages;

/**
 * Completing a wave, inside the caller's transaction: mark the response completed, store its scale scores (the
 * retrospective block as separate rows), bring the learner's stored pre → later-wave comparisons up to date
 * ({@link Comparisons}), and hand the confidence mean to grade passback, only when the confidence scale is complete. An incomplete confidence scale sends nothing, and the learner's page says so.
 */
final class WaveCompletion {
  private static final Logger LOG = LoggerFactory.getLogger(WaveCompletion.class);
  /** Result codes in the redirect after completion (shown as a sentence on the completed page). */
  static final String QUEUED = "queued";
  static final String NOT_SENT = "not-sent";
  static final String INCOMPLETE = "incomplete";

  private final Core core;
  private final ResponseRepository responses;
  private final Comparisons comparisons;
  private final java.util.function.Supplier<AssessmentContent> content;

  WaveCompletion(Core core, ResponseRepository responses, java.util.function.Supplier<AssessmentContent> content) {
    this.core = core;
    this.responses = responses;
    this.comparisons = new Comparisons(responses);
    this.content = content;
  }

  /** What a save did: {@code row} null when the wave was already completed before this save. */
  record Outcome(ResponseRow row, boolean completed, String delivery) {
    static Outcome saved(ResponseRow row) {
      return new Outcome(row, false, null);
    }

    static Outcome alreadyCompleted() {
      return new Outcome(null, false, null);
    }
  }

  Future<Outcome> complete(SqlClient tx, Messages.Catalog messages, LaunchContext launch, WaveRoutes.Target t,
      ResponseRow row) {
    List<ScaleScore> scores = Scoring.scoreWave(t.instrument(), t.wave(), row.answers(), row.retrospectiveAnswers());
    Optional<Scale> confidence = t.instrument().confidenceScale();
    Optional<ScaleScore> confidenceScore = confidence.flatMap(c -> scores.stream()
        .filter(s -> s.scaleId().equals(c.id()) && !s.retrospective()).findFirst());
    return responses.complete(tx, row.id(), scores).compose(changed -> !changed ? Future.succeededFuture(false)
        : comparisons.refresh(tx, content.get().instruments(), WaveRoutes.key(launch, t, t.wave().id())).map(true))
        .compose(changed -> {
      if (!changed) {
        return Future.succeededFuture(Outcome.alreadyCompleted());
      }
      if (confidenceScore.isEmpty() || !confidenceScore.get().complete()) {
        LOG.info("assessment completed grade not sent reason=confidence-incomplete instrument={} wave={} response={}",
            t.instrument().id(), t.wave().id(), row.id());
        return Future.succeededFuture(new Outcome(row, true, INCOMPLETE));
      }
      double mean = confidenceScore.get().mean().getAsDouble();
      int max = confidence.get().max();
      String comment = messages.get("assessment.grade.comment." + t.wave().id(),
          WaveViews.number(mean), max);
      GradeResult result = new GradeResult(AssessmentActivities.confidence(t.wave().id()).name(),
          WaveRoutes.activityKey(t), mean, max, comment, Instant.now(core.clock()), String.valueOf(row.id()));
      return core.grades().recordResult(tx, launch, result).map(delivery -> {
        LOG.info("assessment completed instrument={} wave={} response={} delivery={}", t.instrument().id(),
            t.wave().id(), row.id(), delivery);
        return new Outcome(row, true, delivery == GradePassback.Delivery.QUEUED ? QUEUED : NOT_SENT);
      });
    });
  }
}
