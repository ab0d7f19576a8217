package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.AuditRole;
import uk.isafe.practice.audit.bank.Nation;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.core.Core;

/**
 * {@code /audit/admin}: the audit administrator's page: the organisation's settings (nation, calibration pass mark,
 * double-audit share, retention), teams and their practitioners, and audit roles granted per person. Every change
 * is checked; a mistake re-shows the page with the error and what was typed.
 */
final class AdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
  private final Core core;
  private final OrgData orgs;

  AdminRoutes(Core core, OrgData orgs) {
    this.core = core;
    this.orgs = orgs;
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/admin", (ctx, r) -> page(ctx, r.requireAdmin(), 200, List.of()));
    f.route(router, HttpMethod.POST, "/audit/admin/settings", this::settings);
    f.route(router, HttpMethod.POST, "/audit/admin/teams", this::team);
    f.route(router, HttpMethod.POST, "/audit/admin/members", this::member);
    f.route(router, HttpMethod.POST, "/audit/admin/grants", this::grant);
    f.route(router, HttpMethod.POST, "/audit/admin/grants/:id/revoke", this::revoke);
  }

  Future<Void> page(RoutingContext ctx, AuditRequest r, int status, List<String> errors) {
    var teams = orgs.teams(core.pool(), r.org());
    var people = orgs.people(core.pool(), r.org());
    var grants = orgs.grants(core.pool(), r.org());
    return Future.all(teams, people, grants).compose(x -> {
      Map<String, Object> model = new HashMap<>();
      model.put("settings", r.settings());
      model.put("teams", teams.result());
      model.put("people", people.result());
      model.put("grants", grants.result());
      model.put("roles", List.of(AuditRole.values()).stream().map(AuditRole::code).toList());
      model.put("errors", errors.stream().map(k -> core.pages().catalog(ctx).get(k)).toList());
      return core.pages().render(ctx, status, "audit/admin", model);
    });
  }

  private Future<Void> settings(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    List<String> errors = new ArrayList<>();
    Optional<Nation> nation = Forms.text(ctx, "nation").flatMap(Nation::parse);
    Optional<Integer> pass = Forms.intIn(ctx, "calibrationPass", 50, 100);
    Optional<Integer> share = Forms.intIn(ctx, "doubleShare", 0, 100);
    Optional<Integer> retention = Forms.intIn(ctx, "retentionMonths", 1, 120);
    nation.ifPresentOrElse(n -> { }, () -> errors.add("audit.admin.error.nation"));
    pass.ifPresentOrElse(n -> { }, () -> errors.add("audit.admin.error.pass"));
    share.ifPresentOrElse(n -> { }, () -> errors.add("audit.admin.error.share"));
    retention.ifPresentOrElse(n -> { }, () -> errors.add("audit.admin.error.retention"));
    if (!errors.isEmpty()) {
      return page(ctx, r, 400, errors);
    }
    return orgs.saveSettings(core.pool(), r.org(), new OrgData.Settings(nation.get(), pass.get(), share.get(),
        retention.get())).compose(x -> core.pages().redirect(ctx, "/audit/admin?saved=settings"));
  }

  private Future<Void> team(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    Optional<String> name = Forms.text(ctx, "name").filter(n -> n.length() <= 80);
    if (name.isEmpty()) {
      return page(ctx, r, 400, List.of("audit.admin.error.teamName"));
    }
    return orgs.createTeam(core.pool(), r.org(), name.get()).compose(id -> id.isEmpty()
        ? page(ctx, r, 400, List.of("audit.admin.error.teamExists"))
        : core.pages().redirect(ctx, "/audit/admin?saved=team"));
  }

  private Future<Void> member(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    Optional<Long> team = Forms.id(ctx, "team");
    Optional<Long> person = Forms.id(ctx, "person");
    if (team.isEmpty() || person.isEmpty()) {
      return page(ctx, r, 400, List.of("audit.admin.error.member"));
    }
    return Future.all(orgs.ownsTeam(core.pool(), r.org(), team.get()), orgs.isPerson(core.pool(), r.org(),
        person.get())).compose(ok -> ok.<Boolean>resultAt(0) && ok.<Boolean>resultAt(1)
            ? orgs.addMember(core.pool(), team.get(), person.get()).compose(x -> core.pages().redirect(ctx,
                "/audit/admin?saved=member"))
            : page(ctx, r, 400, List.of("audit.admin.error.member")));
  }

  private Future<Void> grant(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    Optional<Long> person = Forms.id(ctx, "person");
    Optional<AuditRole> role = Forms.text(ctx, "role").flatMap(AuditRole::parse);
    Optional<Long> team = Forms.id(ctx, "team");
    if (person.isEmpty() || role.isEmpty()) {
      return page(ctx, r, 400, List.of("audit.admin.error.grant"));
    }
    boolean leader = role.get() == AuditRole.TEAM_LEADER;
    if (leader && team.isEmpty()) {
      return page(ctx, r, 400, List.of("audit.admin.error.leaderTeam"));
    }
    Optional<Long> teamId = leader ? team : Optional.empty();
    Future<Boolean> teamOk = teamId.isPresent() ? orgs.ownsTeam(core.pool(), r.org(), teamId.get())
        : Future.succeededFuture(true);
    return Future.all(teamOk, orgs.isPerson(core.pool(), r.org(), person.get())).compose(ok -> {
      if (!ok.<Boolean>resultAt(0) || !ok.<Boolean>resultAt(1)) {
        return page(ctx, r, 400, List.of("audit.admin.error.grant"));
      }
      LOG.info("audit role granted role={} person={} by={}", role.get().code(), person.get(), r.personId());
      return orgs.grant(core.pool(), r.org(), person.get(), role.get(), teamId, r.personId())
          .compose(x -> core.pages().redirect(ctx, "/audit/admin?saved=grant"));
    });
  }

  private Future<Void> revoke(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    long id = Forms.pathId(ctx, "id");
    return orgs.revoke(core.pool(), r.org(), id).compose(x -> core.pages().redirect(ctx, "/audit/admin?saved=revoke"));
  }
}
