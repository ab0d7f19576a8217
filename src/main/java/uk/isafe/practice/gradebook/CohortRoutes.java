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
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;

/** The cohort page (summary, charts, sortable and filterable table), the printable report and the cohort CSV. */
final class CohortRoutes {
  private final Pool pool;
  private final Pages pages;
  private final CohortRepository cohorts;
  private final ScenarioTexts texts;
  private final Clock clock;

  CohortRoutes(Pool pool, Pages pages, CohortRepository cohorts, ScenarioTexts texts, Clock clock) {
    this.pool = pool;
    this.pages = pages;
    this.cohorts = cohorts;
    this.texts = texts;
    this.clock = clock;
  }

  void cohort(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    String statusParam = ctx.request().getParam("status");
    Cohort.Status filter = parseStatus(statusParam);
    String sort = ctx.request().getParam("sort", "name");
    boolean desc = "desc".equals(ctx.request().getParam("dir"));
    cohorts.load(pool, launch.courseId())
        .compose(data -> {
          Cohort cohort = Cohort.of(data);
          if (!cohort.sortKeys().contains(sort)) {
            return Future.failedFuture(badSort("unknown-sort"));
          }
          CohortSummary summary = CohortSummary.of(cohort, data.tagCounts());
          Map<String, Object> model = summaryModel(launch, cohort, summary);
          List<Cohort.Row> shown = cohort.view(filter, sort, desc);
          String status = filter == null ? null : filter.key();
          List<CohortView.Header> headers = CohortView.headers(cohort, texts, sort, desc, status);
          Messages.Catalog m = pages.catalog(ctx);
          model.put("label", Map.of("learner", m.get("gradebook.table.learner"), "status",
              m.get("gradebook.table.status"), "attempts", m.get("gradebook.table.attempts"), "delivery",
              m.get("gradebook.table.delivery"), "followUp", m.get("gradebook.table.followUp"), "sharedOnly",
              m.get("gradebook.sharedOnly.short")));
          model.put("sharedOnlyNote", cohort.rows().stream()
              .anyMatch(r -> r.scales().values().stream().anyMatch(Cohort.ScaleCell::sharedOnly)));
          model.put("headers", headers);
          List<String> columnLabels = headers.stream().map(h -> m.get(h.labelKey(), h.labelArg())).toList();
          model.put("rows", CohortView.rows(cohort, shown, new CohortView.Labels(m), columnLabels));
          model.put("sortOptions", CohortView.sortOptions(cohort, texts));
          model.put("sort", sort);
          model.put("desc", desc);
          model.put("statusFilter", status == null ? "" : status);
          model.put("statuses", List.of("not-started", "in-progress", "completed"));
          model.put("slopes", CohortView.slopes(cohort));
          model.put("histograms", CohortView.histograms(cohort, texts));
          return pages.render(ctx, "gradebook/cohort", model);
        })
        .onFailure(ctx::fail);
  }

  void report(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    cohorts.load(pool, launch.courseId())
        .compose(data -> {
          Cohort cohort = Cohort.of(data);
          Map<String, Object> model = summaryModel(launch, cohort, CohortSummary.of(cohort, data.tagCounts()));
          model.put("prepared", LocalDate.now(clock).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)));
          model.put("scenarioRows", ScenarioOverview.of(cohort, texts));
          return pages.render(ctx, "gradebook/report", model);
        })
        .onFailure(ctx::fail);
  }

  void exportCohort(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    Messages.Catalog m = pages.catalog(ctx);
    cohorts.load(pool, launch.courseId())
        .compose(data -> Exports.send(ctx, "cohort", Exports.cohort(Cohort.of(data), texts, m)))
        .onFailure(ctx::fail);
  }

  private Map<String, Object> summaryModel(LaunchContext launch, Cohort cohort, CohortSummary summary) {
    Map<String, Object> model = new HashMap<>();
    model.put("courseTitle", launch.contextTitle());
    model.put("learnerCount", cohort.rows().size());
    model.put("completed", cohort.count(Cohort.Status.COMPLETED));
    model.put("inProgress", cohort.count(Cohort.Status.IN_PROGRESS));
    model.put("notStarted", cohort.count(Cohort.Status.NOT_STARTED));
    model.put("scaleRows", CohortView.scaleRows(summary));
    model.put("indicators", summary.indicators());
    model.put("rq", summary.indicators().rq() == null ? null
        : String.format(Locale.UK, "%.1f:1", summary.indicators().rq()));
    model.put("pctComplex", summary.indicators().percentComplex() == null ? null
        : Math.round(summary.indicators().percentComplex()) + "%");
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (String id : cohort.scenarioIds()) {
      scenarios.add(Map.of("id", id, "title", texts.title(id), "href", "/gradebook/scenarios/" + Fmt.enc(id)));
    }
    model.put("scenarios", scenarios);
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
