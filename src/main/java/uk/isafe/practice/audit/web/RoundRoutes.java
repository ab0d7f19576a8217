package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.audit.round.RoundState;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * Rounds: the list, a new round (bank version, teams, cases per team pasted and sampled, auditors, double-audit
 * share), a round's cases and its state (planned → open → moderating → closed). The sample is shown once with the
 * references so the administrator can pass them on; only keyed hashes are stored.
 */
final class RoundRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(RoundRoutes.class);
  private final Core core;
  private final AuditContent content;
  private final OrgData orgs;
  private final RoundData rounds = new RoundData();
  private final SheetData sheets = new SheetData();
  private final RoundCreation creation;

  RoundRoutes(Core core, AuditContent content, OrgData orgs, Function<Org, CaseRefHasher> hashers) {
    this.core = core;
    this.content = content;
    this.orgs = orgs;
    this.creation = new RoundCreation(core, content, orgs, hashers);
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/rounds", this::list);
    f.route(router, HttpMethod.GET, "/audit/rounds/new", (ctx, r) -> creation.form(ctx, r.requireAdmin(), 200,
        List.of(), Map.of()));
    f.route(router, HttpMethod.POST, "/audit/rounds", creation::create);
    f.route(router, HttpMethod.GET, "/audit/rounds/:id", this::show);
    f.route(router, HttpMethod.POST, "/audit/rounds/:id/state", this::move);
  }

  private Future<Void> list(RoutingContext ctx, AuditRequest r) {
    if (!r.access().moderates() && !r.access().seesOrganisation()) {
      throw AuditRequest.forbidden("not-moderator");
    }
    return rounds.list(core.pool(), r.org()).compose(all -> core.pages().render(ctx, "audit/rounds",
        Map.of("rounds", all, "access", r.access(), "banks", content.library().banks().values())));
  }

  private Future<Void> show(RoutingContext ctx, AuditRequest r) {
    if (!r.access().moderates() && !r.access().seesOrganisation()) {
      throw AuditRequest.forbidden("not-moderator");
    }
    long id = Forms.pathId(ctx, "id");
    return rounds.get(core.pool(), r.org(), id).compose(round -> {
      RoundData.Round found = round.orElseThrow(HttpProblem::notFound);
      return Future.all(sheets.ofRound(core.pool(), r.org(), id), orgs.people(core.pool(), r.org()),
          content.forRound(core.pool(), found.bankId(), found.bankVersion())).compose(x -> {
            List<SheetData.Assignment> all = x.resultAt(0);
            Map<Long, String> names = new HashMap<>();
            List<OrgData.Person> people = x.resultAt(1);
            people.forEach(p -> names.put(p.id(), p.name()));
            AuditBank bank = x.resultAt(2);
            Map<Integer, List<Map<String, Object>>> byCase = new LinkedHashMap<>();
            for (SheetData.Assignment a : all) {
              Map<String, Object> row = new HashMap<>();
              row.put("a", a);
              row.put("auditor", names.getOrDefault(a.auditorId(), "#" + a.auditorId()));
              row.put("stage", a.stage().map(s -> bank.text(r.locale(), r.nation()).stage(s)).orElse(""));
              byCase.computeIfAbsent(a.caseNumber(), k -> new ArrayList<>()).add(row);
            }
            Map<String, Object> model = new HashMap<>();
            model.put("round", found);
            model.put("cases", byCase);
            model.put("next", found.state().next().map(RoundState::code).orElse(""));
            model.put("access", r.access());
            model.put("bankTitle", bank.text(r.locale(), r.nation()).title());
            model.put("stale", Forms.text(ctx, "stale").isPresent());
            return core.pages().render(ctx, "audit/round", model);
          });
    });
  }

  private Future<Void> move(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    long id = Forms.pathId(ctx, "id");
    Optional<RoundState> from = Forms.text(ctx, "from").flatMap(RoundState::parse);
    Optional<RoundState> to = Forms.text(ctx, "to").flatMap(RoundState::parse);
    if (from.isEmpty() || to.isEmpty() || !from.get().canMoveTo(to.get())) {
      throw HttpProblem.badRequest("bad-state-change", "audit.round.error.state");
    }
    return rounds.move(core.pool(), r.org(), id, from.get(), to.get()).compose(moved -> {
      if (!moved) {
        LOG.info("audit round state unchanged reason=stale round={} from={} to={}", id, from.get().code(),
            to.get().code());
        return core.pages().redirect(ctx, "/audit/rounds/" + id + "?stale=1");
      }
      LOG.info("audit round state round={} state={} by={}", id, to.get().code(), r.personId());
      return core.pages().redirect(ctx, "/audit/rounds/" + id);
    });
  }
}
