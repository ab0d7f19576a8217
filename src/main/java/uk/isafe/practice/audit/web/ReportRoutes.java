package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * The leaders' views: a team's indicators by round with Wilson intervals, by man's role, against the organisation,
 * with its open actions ({@code /audit/team/:team}); the organisation's trends, funnel plot, breakdowns, completion,
 * agreement and training beside audit rates ({@code /audit/organisation}); CSV exports and a printable summary.
 */
final class ReportRoutes {
  private final Core core;
  private final AuditContent content;
  private final OrgData orgs;
  private final ReportViews views;

  ReportRoutes(Core core, AuditContent content, OrgData orgs, Function<Org, CaseRefHasher> hashers) {
    this.core = core;
    this.content = content;
    this.orgs = orgs;
    this.views = new ReportViews();
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/team/:team", (ctx, r) -> team(ctx, r, false));
    f.route(router, HttpMethod.GET, "/audit/team/:team/export.csv", (ctx, r) -> team(ctx, r, true));
    f.route(router, HttpMethod.GET, "/audit/organisation", (ctx, r) -> organisation(ctx, r, "audit/organisation"));
    f.route(router, HttpMethod.GET, "/audit/organisation/summary", (ctx, r) -> organisation(ctx, r,
        "audit/summary"));
    f.route(router, HttpMethod.GET, "/audit/organisation/export.csv", this::organisationCsv);
  }

  private AuditBank bank() {
    return content.library().banks().values().stream().findFirst().orElseThrow(() -> new HttpProblem(503,
        "no-bank", "audit.error.noBank.title", "audit.error.noBank.detail"));
  }

  private Future<Void> team(RoutingContext ctx, AuditRequest r, boolean csv) {
    long teamId = Forms.pathId(ctx, "team");
    r.requireTeam(teamId);
    AuditBank bank = bank();
    return orgs.ownsTeam(core.pool(), r.org(), teamId).compose(owned -> {
      if (!owned) {
        throw HttpProblem.notFound();
      }
      return ReportData.load(core.pool(), r.org(), bank, bank.text(r.locale(), r.nation()), Optional.of(teamId));
    }).compose(d -> {
      if (csv) {
        return csv(ctx, "audit-team-" + teamId + ".csv", ReportViews.csv(d, Optional.of(teamId),
            core.pages().catalog(ctx)));
      }
      Map<String, Object> model = views.team(d, teamId, Forms.id(ctx, "round"), LocalDate.now(core.clock()));
      return core.pages().render(ctx, "audit/team", model);
    });
  }

  private Future<Void> organisation(RoutingContext ctx, AuditRequest r, String template) {
    r.requireOrganisation();
    AuditBank bank = bank();
    var data = ReportData.load(core.pool(), r.org(), bank, bank.text(r.locale(), r.nation()), Optional.empty());
    var training = new ResultData().training(core.pool(), r.org());
    var pairs = new ResultData().doubleAnswers(core.pool(), r.org());
    return Future.all(data, training, pairs).compose(x -> {
      Map<String, Object> model = views.organisation(data.result(), Forms.id(ctx, "round"),
          Forms.text(ctx, "indicator"), training.result(), pairs.result(), LocalDate.now(core.clock()));
      return core.pages().render(ctx, template, model);
    });
  }

  private Future<Void> organisationCsv(RoutingContext ctx, AuditRequest r) {
    r.requireOrganisation();
    AuditBank bank = bank();
    return ReportData.load(core.pool(), r.org(), bank, bank.text(r.locale(), r.nation()), Optional.empty())
        .compose(d -> csv(ctx, "audit-organisation.csv", ReportViews.csv(d, Optional.empty(),
            core.pages().catalog(ctx))));
  }

  private static Future<Void> csv(RoutingContext ctx, String name, String body) {
    return ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .putHeader("Cache-Control", "no-store").end("\uFEFF" + body);
  }
}
