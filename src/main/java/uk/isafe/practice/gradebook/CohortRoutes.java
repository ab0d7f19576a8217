package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.isafe.practice.core.AccessLog;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;

/** The cohort page (summary in words, charts, one line per learner), the one-page report and the cohort CSV. */
final class CohortRoutes {
  private final Pool pool;
  private final Pages pages;
  private final CohortRepository cohorts;
  private final CourseContent content;
  private final Clock clock;
  private final AccessLog accessLog;

  CohortRoutes(Pool pool, Pages pages, CohortRepository cohorts, CourseContent content, Clock clock,
      AccessLog accessLog) {
    this.accessLog = accessLog;
    this.pool = pool;
    this.pages = pages;
    this.cohorts = cohorts;
    this.content = content;
    this.clock = clock;
  }

  void cohort(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    Cohort.Status filter = parseStatus(ctx.request().getParam("status"));
    String sort = ctx.request().getParam("sort", "name");
    boolean desc = "desc".equals(ctx.request().getParam("dir"));
    accessLog.course(SessionHandler.current(ctx), scope.courseId(), "gradebook-cohort")
        .compose(v -> cohorts.load(pool, scope.courseId()))
        .compose(data -> {
          Cohort cohort = Cohort.of(data, content.scaleOrder());
          if (!cohort.sortKeys().contains(sort)) {
            return Future.failedFuture(badSort("unknown-sort"));
          }
          Messages.Catalog m = pages.catalog(ctx);
          Map<String, Object> model = summaryModel(scope, cohort, CohortSummary.of(cohort, data.tagCounts()), m);
          String status = filter == null ? null : filter.key();
          model.put("sharedOnlyNote", cohort.rows().stream()
              .anyMatch(r -> r.scales().values().stream().anyMatch(Cohort.ScaleCell::sharedOnly)));
          model.put("headers", CohortView.headers(cohort, content, m, scope.base(), sort, desc, status));
          model.put("rows", CohortView.rows(cohort, cohort.view(filter, sort, desc), m));
          model.put("sortOptions", CohortView.sortOptions(cohort, content, m));
          model.put("sort", sort);
          model.put("desc", desc);
          model.put("statusFilter", status == null ? "" : status);
          model.put("statuses", List.of("not-started", "in-progress", "completed"));
          model.put("histograms", CohortView.histograms(cohort, content, m));
          model.put(RosterRoutes.MODEL, ctx.get(RosterRoutes.MODEL, RosterRoutes.model(
              uk.isafe.practice.lti.nrps.RosterStatus.unavailable())));
          model.put("teamAccess", Boolean.TRUE.equals(ctx.get(LearningTeamRoutes.ACCESS_KEY)));
          return pages.render(ctx, "gradebook/cohort", model);
        })
        .onFailure(ctx::fail);
  }

  void report(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    accessLog.course(SessionHandler.current(ctx), scope.courseId(), "gradebook-report")
        .compose(v -> cohorts.load(pool, scope.courseId()))
        .compose(data -> {
          Cohort cohort = Cohort.of(data, content.scaleOrder());
          Messages.Catalog m = pages.catalog(ctx);
          Map<String, Object> model = summaryModel(scope, cohort, CohortSummary.of(cohort, data.tagCounts()), m);
          model.put("prepared", LocalDate.now(clock).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)));
          model.put("scenarioRows", ScenarioOverview.of(cohort, content.texts()));
          return pages.render(ctx, "gradebook/report", model);
        })
        .onFailure(ctx::fail);
  }

  void exportCohort(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    Messages.Catalog m = pages.catalog(ctx);
    accessLog.course(SessionHandler.current(ctx), scope.courseId(), "gradebook-cohort-csv")
        .compose(v -> cohorts.load(pool, scope.courseId()))
        .compose(data -> Exports.send(ctx, "cohort", Exports.cohort(Cohort.of(data, content.scaleOrder()), content,
            m)))
        .onFailure(ctx::fail);
  }

  private Map<String, Object> summaryModel(CourseScope scope, Cohort cohort, CohortSummary summary,
      Messages.Catalog m) {
    Map<String, Object> model = new HashMap<>();
    model.put("base", scope.base());
    model.put("courseTitle", scope.title());
    model.put("learnerCount", cohort.rows().size());
    model.put("completed", cohort.count(Cohort.Status.COMPLETED));
    model.put("inProgress", cohort.count(Cohort.Status.IN_PROGRESS));
    model.put("notStarted", cohort.count(Cohort.Status.NOT_STARTED));
    model.put("scaleBlocks", CohortView.scaleBlocks(summary, content, m));
    model.put("activities", CohortView.activities(cohort, m));
    model.put("indicators", summary.indicators());
    model.put("rq", summary.indicators().rq() == null ? null
        : String.format(Locale.UK, "%.1f:1", summary.indicators().rq()));
    model.put("pctComplex", summary.indicators().percentComplex() == null ? null
        : Math.round(summary.indicators().percentComplex()) + "%");
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (String id : cohort.scenarioIds()) {
      scenarios.add(Map.of("id", id, "title", content.texts().title(id),
          "href", scope.base() + "/scenarios/" + Fmt.enc(id)));
    }
    model.put("scenarios", scenarios);
    List<CohortView.SlopeView> slopes = CohortView.slopes(cohort, content, m);
    model.put("slopes", slopes);
    model.put("mainSlope", slopes.isEmpty() ? null : slopes.get(0));
    model.put("scoreHistogram", CohortView.scoreHistogram(cohort, m));
    return model;
  }

  private static Cohort.Status parseStatus(String s) {
    if (s == null || s.isBlank() || s.equals("all")) {
      return null;
    }
    for (Cohort.Status st : Cohort.Status.values()) {
      if (st.key().equals(s)) {
        return st;
      }
    }
    throw badSort("unknown-status-filter");
  }

  private static HttpProblem badSort(String code) {
    return HttpProblem.badRequest(code, "gradebook.error.badSort.detail");
  }
}
