package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.data.ActionData;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.protect.FreeTextCheck;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * Actions ({@code /audit/actions}): raised from a "No" on a live case (by its auditor) or for a team (by its leader
 * or the organisation's leads), each with an owner, a due date, a status and a closure note. Team leaders see their
 * teams' actions, senior leaders and administrators all of them with the overdue ones first; everyone sees the
 * actions they own.
 */
final class ActionRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRoutes.class);
  private static final List<String> STATUSES = List.of("open", "in_progress", "done", "cancelled");
  private final Core core;
  private final OrgData orgs;
  private final ActionData actions = new ActionData();
  private final SheetData sheets = new SheetData();

  ActionRoutes(Core core, OrgData orgs) {
    this.core = core;
    this.orgs = orgs;
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/actions", this::list);
    f.route(router, HttpMethod.GET, "/audit/actions/new", (ctx, r) -> form(ctx, r, 200, List.of(), Map.of()));
    f.route(router, HttpMethod.POST, "/audit/actions", this::create);
    f.route(router, HttpMethod.POST, "/audit/actions/:id", this::update);
  }

  private Future<Void> list(RoutingContext ctx, AuditRequest r) {
    r.requireAny();
    return actions.list(core.pool(), r.org(), Optional.empty()).compose(all -> {
      LocalDate today = LocalDate.now(core.clock());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ActionData.Action a : all) {
        if (r.access().seesTeam(a.teamId()) || a.ownerId() == r.personId()) {
          rows.add(Map.of("a", a, "overdue", a.overdue(today), "due", a.dueOn().toString()));
        }
      }
      return core.pages().render(ctx, "audit/actions", Map.of("rows", rows, "statuses", STATUSES,
          "overdue", rows.stream().filter(x -> (boolean) x.get("overdue")).count()));
    });
  }

  /** The form; from a case it is for that case's team and item, otherwise for a team the person leads. */
  private Future<Void> form(RoutingContext ctx, AuditRequest r, int status, List<String> errors,
      Map<String, String> typed) {
    if (!r.access().managesActions()) {
      throw AuditRequest.forbidden("no-role");
    }
    Optional<Long> assignment = Forms.id(ctx, "assignment");
    Future<Optional<SheetData.Assignment>> from = assignment.isPresent()
        ? sheets.assignment(core.pool(), r.org(), assignment.get()) : Future.succeededFuture(Optional.empty());
    return Future.all(from, orgs.teams(core.pool(), r.org()), orgs.people(core.pool(), r.org())).compose(x -> {
      Optional<SheetData.Assignment> a = x.resultAt(0);
      if (assignment.isPresent() && (a.isEmpty() || a.get().auditorId() != r.personId())) {
        throw AuditRequest.forbidden("not-your-case");
      }
      List<OrgData.Team> teams = x.<List<OrgData.Team>>resultAt(1).stream()
          .filter(t -> a.map(s -> s.teamId() == t.id()).orElse(r.access().seesTeam(t.id()))).toList();
      Map<String, Object> model = new HashMap<>();
      model.put("assignment", a.orElse(null));
      model.put("item", Forms.text(ctx, "item").orElse(""));
      model.put("teams", teams);
      model.put("people", x.resultAt(2));
      model.put("errors", errors.stream().map(k -> core.pages().catalog(ctx).get(k)).toList());
      model.put("typed", typed);
      return core.pages().render(ctx, status, "audit/action-new", model);
    });
  }

  private Future<Void> create(RoutingContext ctx, AuditRequest r) {
    if (!r.access().managesActions()) {
      throw AuditRequest.forbidden("no-role");
    }
    Map<String, String> typed = new HashMap<>();
    ctx.request().formAttributes().forEach(e -> typed.put(e.getKey(), e.getValue()));
    List<String> errors = new ArrayList<>();
    Optional<String> description = Forms.text(ctx, "description");
    if (description.isEmpty() || description.get().length() > 500) {
      errors.add("audit.action.error.description");
    } else if (!FreeTextCheck.check(description.get()).isEmpty()) {
      errors.add("audit.action.error.identifying");
    }
    Optional<Long> owner = Forms.id(ctx, "owner");
    if (owner.isEmpty()) {
      errors.add("audit.action.error.owner");
    }
    Optional<LocalDate> due = date(ctx);
    if (due.isEmpty()) {
      errors.add("audit.action.error.due");
    }
    Optional<Long> assignment = Forms.id(ctx, "assignment");
    Optional<Long> team = Forms.id(ctx, "team");
    Future<Optional<SheetData.Assignment>> from = assignment.isPresent()
        ? sheets.assignment(core.pool(), r.org(), assignment.get()) : Future.succeededFuture(Optional.empty());
    return Future.all(from, owner.isPresent() ? orgs.isPerson(core.pool(), r.org(), owner.get())
        : Future.succeededFuture(false)).compose(x -> {
          Optional<SheetData.Assignment> a = x.resultAt(0);
          if (assignment.isPresent() && (a.isEmpty() || a.get().auditorId() != r.personId())) {
            throw AuditRequest.forbidden("not-your-case");
          }
          if (owner.isPresent() && !x.<Boolean>resultAt(1)) {
            errors.add("audit.action.error.owner");
          }
          Optional<Long> teamId = a.map(SheetData.Assignment::teamId).or(() -> team);
          if (teamId.isEmpty() || (a.isEmpty() && !r.access().seesTeam(teamId.get()))) {
            errors.add("audit.action.error.team");
          }
          if (!errors.isEmpty()) {
            return form(ctx, r, 400, errors, typed);
          }
          ActionData.NewAction n = new ActionData.NewAction(teamId.get(), a.map(SheetData.Assignment::roundId),
              a.map(SheetData.Assignment::caseId), Forms.text(ctx, "item").filter(i -> i.length() <= 64),
              description.get(), owner.get(), due.get());
          return actions.create(core.pool(), r.org(), n, r.personId()).compose(id -> {
            LOG.info("audit action raised action={} team={} by={}", id, teamId.get(), r.personId());
            return core.pages().redirect(ctx, a.map(s -> "/audit/case/" + s.id() + "?notice=audit.action.raised")
                .orElse("/audit/actions"));
          });
        });
  }

  private static Optional<LocalDate> date(RoutingContext ctx) {
    Optional<Integer> d = Forms.intIn(ctx, "due-day", 1, 31);
    Optional<Integer> m = Forms.intIn(ctx, "due-month", 1, 12);
    Optional<Integer> y = Forms.intIn(ctx, "due-year", 2000, 2100);
    if (d.isEmpty() || m.isEmpty() || y.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.of(y.get(), m.get(), d.get()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private Future<Void> update(RoutingContext ctx, AuditRequest r) {
    long id = Forms.pathId(ctx, "id");
    Optional<String> status = Forms.text(ctx, "status").filter(STATUSES::contains);
    Optional<String> note = Forms.text(ctx, "note").filter(n -> n.length() <= 500);
    if (status.isEmpty()) {
      throw HttpProblem.badRequest("bad-status", "audit.action.error.status");
    }
    boolean closing = status.get().equals("done") || status.get().equals("cancelled");
    if (closing && note.isEmpty()) {
      throw HttpProblem.badRequest("closure-note", "audit.action.error.note");
    }
    if (note.isPresent() && !FreeTextCheck.check(note.get()).isEmpty()) {
      throw HttpProblem.badRequest("identifying-note", "audit.action.error.identifying");
    }
    return actions.list(core.pool(), r.org(), Optional.empty()).compose(all -> {
      ActionData.Action a = all.stream().filter(x -> x.id() == id).findFirst().orElseThrow(HttpProblem::notFound);
      if (!r.access().seesTeam(a.teamId()) && a.ownerId() != r.personId()) {
        throw AuditRequest.forbidden("not-your-team");
      }
      return actions.update(core.pool(), r.org(), id, status.get(), closing ? note : Optional.empty())
          .compose(ok -> core.pages().redirect(ctx, "/audit/actions"));
    });
  }
}
