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
import uk.isafe.practice.core.AccessLog;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Messages;
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
  private final CourseContent content;
  private final AccessLog accessLog;

  LearnerRoutes(Pool pool, Pages pages, AttemptRepository attempts, CohortRepository cohorts, CourseContent content,
      AccessLog accessLog) {
    this.accessLog = accessLog;
    this.pool = pool;
    this.pages = pages;
    this.attempts = attempts;
    this.cohorts = cohorts;
    this.texts = content.texts();
    this.content = content;
  }

  record ScenarioAttempts(String scenarioId, String title, AttemptView first, AttemptView best,
      List<AttemptView> all) {
  }

  record ScaleLine(String label, String pre, String post, String change, String retrospective, String followUp,
      String followUpChange, boolean sharedOnly) {
  }

  void learner(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    long personId = parseId(ctx.pathParam("personId"));
    attempts.learner(pool, scope.courseId(), personId)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(missing(
            "unknown-learner", "gradebook.error.learner.detail"))))
        .compose(learner -> accessLog.individual(SessionHandler.current(ctx), scope.courseId(), "gradebook-learner",
            personId).map(learner))
        .compose(learner -> Future.all(attempts.attemptsOf(pool, scope.courseId(), personId),
            cohorts.scalesOf(pool, scope.courseId(), personId), cohorts.load(pool, scope.courseId())).compose(all -> {
              List<AttemptRepository.Attempt> list = all.resultAt(0);
              List<CohortData.ScaleScore> scores = all.resultAt(1);
              Cohort cohort = Cohort.of(all.resultAt(2), content.scaleOrder());
              Map<String, Object> model = new HashMap<>();
              model.put("base", scope.base());
              model.put("learner", learner);
              List<ScaleLine> lines = scales(cohort, personId);
              model.put("scales", lines);
              model.put("hasFollowUp", lines.stream().anyMatch(l -> l.followUp() != null));
              model.put("sharedOnlyNote", lines.stream().anyMatch(ScaleLine::sharedOnly));
              model.put("progress", progress(cohort, personId, pages.catalog(ctx)));
              model.put("scenarios", byScenario(list));
              return pages.render(ctx, "gradebook/learner", model);
            }))
        .onFailure(ctx::fail);
  }

  void attempt(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    UUID id = parseUuid(ctx.pathParam("attemptId"));
    attempts.attempt(pool, scope.courseId(), id)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(missing(
            "unknown-attempt", "gradebook.error.attempt.detail"))))
        .compose(a -> accessLog.individual(SessionHandler.current(ctx), scope.courseId(), "gradebook-attempt",
            a.personId()).map(a))
        .compose(a -> attempts.learner(pool, scope.courseId(), a.personId()).compose(learner -> {
          Map<String, Object> model = new HashMap<>();
          model.put("base", scope.base());
          model.put("learner", learner.orElseThrow());
          model.put("attempt", AttemptView.of(a, texts));
          return pages.render(ctx, "gradebook/attempt", model);
        }))
        .onFailure(ctx::fail);
  }

  void exportChoices(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    var m = pages.catalog(ctx);
    accessLog.course(SessionHandler.current(ctx), scope.courseId(), "gradebook-choices-csv")
        .compose(v -> attempts.choicesForExport(pool, scope.courseId()))
        .compose(list -> Exports.send(ctx, "choices", Exports.choices(list, texts, m)))
        .onFailure(ctx::fail);
  }

  record ActivityDone(String title, boolean done) {
  }

  record Progress(String status, List<ActivityDone> activities, String delivery) {
  }

  /** The learner’s line of the cohort table, spelt out: each activity finished or not, grade delivery in full. */
  private static Progress progress(Cohort cohort, long personId, Messages.Catalog m) {
    for (Cohort.Row r : cohort.rows()) {
      if (r.personId() == personId) {
        List<ActivityDone> done = new ArrayList<>();
        for (int i = 0; i < cohort.activities().size(); i++) {
          done.add(new ActivityDone(CohortView.activityTitle(cohort.activities().get(i), m), r.done().get(i)));
        }
        return new Progress(m.get("gradebook.status." + r.status().key()), done,
            m.get("gradebook.delivery." + (r.delivery() == null ? "unknown" : r.delivery())));
      }
    }
    return null;
  }

  /** The learner's scales from their cohort row: before, looking back, after, follow-up and both changes. */
  private List<ScaleLine> scales(Cohort cohort, long personId) {
    List<ScaleLine> out = new ArrayList<>();
    for (Cohort.Row r : cohort.rows()) {
      if (r.personId() != personId) {
        continue;
      }
      r.scales().forEach((k, c) -> {
        if (c.pre() != null || c.post() != null || c.followUp() != null || c.retrospective() != null) {
          out.add(new ScaleLine(content.scaleTitle(k), Fmt.two(c.pre()), Fmt.two(c.post()), Fmt.signed(c.change()),
              Fmt.two(c.retrospective()), c.followUp() == null ? null : Fmt.two(c.followUp()),
              Fmt.signed(c.followUpChange()), c.sharedOnly()));
        }
      });
    }
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
