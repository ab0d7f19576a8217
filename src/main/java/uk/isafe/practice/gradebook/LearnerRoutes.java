package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Pages;

/**
 * A learner’s drill-down (scores, every attempt, first and best side by side) and a single attempt’s replay. The
 * learner or attempt id in the URL is looked up inside the session’s course only: anything else is a 404.
 */
final class LearnerRoutes {
  private final Pool pool;
  private final Pages pages;
  private final AttemptRepository attempts;
  private final CohortRepository cohorts;
  private final ScenarioTexts texts;

  LearnerRoutes(Pool pool, Pages pages, AttemptRepository attempts, CohortRepository cohorts, ScenarioTexts texts) {
    this.pool = pool;
    this.pages = pages;
    this.attempts = attempts;
    this.cohorts = cohorts;
    this.texts = texts;
  }

  record ScenarioAttempts(String scenarioId, String title, AttemptView first, AttemptView best,
      List<AttemptView> all) {
  }

  /** One scale of a learner: each wave's mean, the retrospective beside pre, and the two changes. */
  record ScaleLine(String label, String pre, String retrospective, String post, String change, String followUp,
      String followUpChange, boolean sharedOnly) {
  }

  void learner(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    long personId = parseId(ctx.pathParam("personId"));
    attempts.learner(pool, launch.courseId(), personId)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(missing(
            "unknown-learner", "gradebook.error.learner.detail"))))
        .compose(learner -> Future.all(attempts.attemptsOf(pool, launch.courseId(), personId),
            cohorts.scalesOf(pool, launch.courseId(), personId),
            cohorts.comparisonsOf(pool, launch.courseId(), personId)).compose(both -> {
              List<AttemptRepository.Attempt> list = both.resultAt(0);
              List<CohortData.ScaleScore> scores = both.resultAt(1);
              List<CohortData.Comparison> compared = both.resultAt(2);
              Map<String, Object> model = new HashMap<>();
              model.put("learner", learner);
              List<ScaleLine> lines = scales(personId, scores, compared);
              model.put("scales", lines);
              model.put("hasFollowUp", lines.stream().anyMatch(l -> l.followUp() != null));
              model.put("sharedOnlyNote", lines.stream().anyMatch(ScaleLine::sharedOnly));
              model.put("scenarios", byScenario(list));
              return pages.render(ctx, "gradebook/learner", model);
            }))
        .onFailure(ctx::fail);
  }

  void attempt(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    UUID id = parseUuid(ctx.pathParam("attemptId"));
    attempts.attempt(pool, launch.courseId(), id)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(missing(
            "unknown-attempt", "gradebook.error.attempt.detail"))))
        .compose(a -> attempts.learner(pool, launch.courseId(), a.personId()).compose(learner -> {
          Map<String, Object> model = new HashMap<>();
          model.put("learner", learner.orElseThrow());
          model.put("attempt", AttemptView.of(a, texts));
          return pages.render(ctx, "gradebook/attempt", model);
        }))
        .onFailure(ctx::fail);
  }

  void exportChoices(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    var m = pages.catalog(ctx);
    attempts.choicesForExport(pool, launch.courseId())
        .compose(list -> Exports.send(ctx, "choices", Exports.choices(list, texts, m)))
        .onFailure(ctx::fail);
  }

  private static List<ScaleLine> scales(long personId, List<CohortData.ScaleScore> scores,
      List<CohortData.Comparison> compared) {
    Cohort one = Cohort.of(new CohortData(List.of(new CohortData.Learner(personId, "")), List.of(), scores, compared,
        Map.of(), Map.of(), java.util.Set.of(), false, Map.of()));
    List<ScaleLine> out = new ArrayList<>();
    if (one.rows().isEmpty()) {
      return out;
    }
    one.rows().get(0).scales().forEach((k, c) -> out.add(new ScaleLine(CohortView.label(k), Fmt.two(c.pre()),
        Fmt.two(c.retrospective()), Fmt.two(c.post()), Fmt.signed(c.change()), Fmt.two(c.followUp()),
        Fmt.signed(c.followUpChange()), c.sharedOnly())));
    return out;
  }

  private List<ScenarioAttempts> byScenario(List<AttemptRepository.Attempt> list) {
    Map<String, List<AttemptRepository.Attempt>> grouped = new LinkedHashMap<>();
    list.forEach(a -> grouped.computeIfAbsent(a.scenarioId(), k -> new ArrayList<>()).add(a));
    List<ScenarioAttempts> out = new ArrayList<>();
    grouped.forEach((id, as) -> {
      List<AttemptRepository.Attempt> completed = as.stream().filter(AttemptRepository.Attempt::completed).toList();
      Optional<AttemptRepository.Attempt> first = completed.stream().findFirst();
      Optional<AttemptRepository.Attempt> best = completed.stream().max(Comparator
          .comparing((AttemptRepository.Attempt a) -> a.score() == null ? -1 : a.score())
          .thenComparing(a -> -a.attemptNo()));
      out.add(new ScenarioAttempts(id, texts.title(id), first.map(a -> AttemptView.of(a, texts)).orElse(null),
          best.filter(b -> first.isPresent() && !b.id().equals(first.get().id()))
              .map(a -> AttemptView.of(a, texts)).orElse(null),
          as.stream().map(a -> AttemptView.of(a, texts)).toList()));
    });
    return out;
  }

  static long parseId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw missing("malformed-learner-id", "gradebook.error.learner.detail");
    }
  }

  static UUID parseUuid(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw missing("malformed-attempt-id", "gradebook.error.attempt.detail");
    }
  }

  static HttpProblem missing(String code, String detailKey) {
    return new HttpProblem(404, code, "gradebook.error.notFound.title", detailKey);
  }
}
