package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.core.Core;

/**
 * {@code GET /audit}: what this person can do in the audit, by role: an auditor's cases and a look-up by reference,
 * links to their team's view for a team leader, to the organisation's view for a senior leader, to rounds for
 * moderators and administrators. Someone with no audit role is told so, and who can give them one.
 */
final class HomeRoutes {
  private final Core core;
  private final OrgData orgs = new OrgData();
  private final RoundData rounds = new RoundData();
  private final SheetData sheets = new SheetData();

  HomeRoutes(Core core) {
    this.core = core;
  }

  Future<Void> show(RoutingContext ctx, AuditRequest r) {
    r.requireAny();
    Future<List<SheetData.Assignment>> mine = sheets.mine(core.pool(), r.org(), r.personId());
    Future<List<OrgData.Team>> teams = orgs.teams(core.pool(), r.org());
    Future<List<RoundData.Summary>> all = r.access().moderates() || r.access().seesOrganisation()
        ? rounds.list(core.pool(), r.org()) : Future.succeededFuture(List.of());
    return Future.all(mine, teams, all).compose(x -> {
      Map<String, Object> model = new HashMap<>();
      model.put("access", r.access());
      model.put("assignments", mine.result());
      model.put("ledTeams", teams.result().stream().filter(t -> r.access().seesTeam(t.id())).toList());
      model.put("rounds", all.result());
      model.put("roles", r.access().roles().stream().map(a -> a.code()).sorted().toList());
      return core.pages().render(ctx, "audit/home", model);
    });
  }
}
