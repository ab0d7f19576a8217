package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.measure.Calibration;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.audit.sheet.AnswerSheet;
import uk.isafe.practice.audit.sheet.SheetRules;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * The audit form ({@code /audit/case/:id}): a task list, a page of questions per man, the child's page, submission.
 * Only the assigned auditor opens it, and every opening is recorded. Each page saves what is valid as it is posted
 * (save as you go); an answer that breaks a rule (N/A without a reason) is shown again with the error. Every post
 * carries the sheet's version: a form posted twice or left open while the sheet changed is refused, and the page is
 * shown again with the auditor's unsaved answers so nothing is lost.
 */
final class FormRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(FormRoutes.class);
  private final Core core;
  private final AuditContent content;
  private final SheetData sheets = new SheetData();
  private final FormPages pages;
  private final Submission submission;

  FormRoutes(Core core, AuditContent content, Function<Org, CaseRefHasher> hashers) {
    this.core = core;
    this.content = content;
    this.pages = new FormPages(core);
    this.submission = new Submission(core, content, hashers, this);
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/case/:id", (ctx, r) -> open(ctx, r).compose(o ->
        calibration(r, o).compose(c -> pages.tasks(ctx, r, o.a(), o.bank(), o.sheet(), Forms.text(ctx, "notice")
            .filter(n -> n.startsWith("audit.")), c))));
    f.route(router, HttpMethod.POST, "/audit/case/:id/men", this::addMan);
    f.route(router, HttpMethod.GET, "/audit/case/:id/man/:n", this::showMan);
    f.route(router, HttpMethod.POST, "/audit/case/:id/man/:n", this::saveMan);
    f.route(router, HttpMethod.POST, "/audit/case/:id/man/:n/remove", this::removeMan);
    f.route(router, HttpMethod.GET, "/audit/case/:id/child", (ctx, r) -> open(ctx, r).compose(o -> pages.child(ctx,
        200, r, o.a(), o.bank(), FormPages.Values.of(o.sheet(), AnswerSheet.CHILD), o.sheet().judgement(),
        o.a().comment().orElse(""), Map.of(), false, java.util.List.of())));
    f.route(router, HttpMethod.POST, "/audit/case/:id/child", submission::saveChild);
    f.route(router, HttpMethod.POST, "/audit/case/:id/submit", submission::submit);
    f.route(router, HttpMethod.POST, "/audit/find", submission::find);
  }

  /** An opened assignment: the auditor's own, with its bank and sheet; the view is recorded. */
  record Opened(SheetData.Assignment a, AuditBank bank, AnswerSheet sheet) {
  }

  Future<Opened> open(RoutingContext ctx, AuditRequest r) {
    r.requireAny();
    long id = Forms.pathId(ctx, "id");
    return sheets.assignment(core.pool(), r.org(), id).compose(found -> {
      SheetData.Assignment a = found.orElseThrow(() -> new HttpProblem(404, "unknown-case",
          "audit.error.unknownCase.title", "audit.error.unknownCase.detail"));
      if (a.auditorId() != r.personId()) {
        LOG.info("audit case refused reason=not-assigned assignment={} person={}", id, r.personId());
        throw AuditRequest.forbidden("not-your-case");
      }
      Future<Optional<int[]>> calibrated = "live".equals(a.roundKind()) ? sheets.calibrationRecord(core.pool(),
          r.org(), a.bankId(), a.bankVersion(), r.personId()) : Future.succeededFuture(Optional.empty());
      return Future.all(content.forRound(core.pool(), a.bankId(), a.bankVersion()), sheets.sheet(core.pool(), id),
          sheets.recordView(core.pool(), a.caseId(), r.personId(), "audit"), calibrated)
          .map(x -> {
            Optional<int[]> record = x.resultAt(3);
            boolean passed = record.map(m -> m[1] > 0 && m[0] * 100 >= r.settings().calibrationPass() * m[1])
                .orElse(true);
            return new Opened(passed ? a : notCalibrated(a), x.resultAt(0), x.resultAt(1));
          });
    });
  }

  /** For a submitted calibration copy whose agreed answers are in: how closely the auditor matched them. */
  private Future<Optional<Calibration>> calibration(AuditRequest r, Opened o) {
    if (!"calibration".equals(o.a().kind()) || !o.a().submitted()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sheets.ofCase(core.pool(), r.org(), o.a().caseId()).compose(all -> {
      Optional<SheetData.Assignment> agreed = all.stream().filter(x -> x.kind().equals("agreed") && x.submitted())
          .findFirst();
      if (agreed.isEmpty()) {
        return Future.succeededFuture(Optional.<Calibration>empty());
      }
      return sheets.sheet(core.pool(), agreed.get().id()).map(key -> Optional.of(Calibration.score(codes(key),
          codes(o.sheet()), r.settings().calibrationPass())));
    });
  }

  private static Map<String, Answer> codes(AnswerSheet sheet) {
    Map<String, Answer> out = new HashMap<>();
    sheet.answers().forEach((k, g) -> out.put(k.toString(), g.answer()));
    return out;
  }

  /**
   * An auditor who has not yet reached the calibration pass mark (when the organisation calibrates on this bank
   * version) sees the live case but cannot answer: shown as the round's "planned" state, with its own message.
   */
  private static SheetData.Assignment notCalibrated(SheetData.Assignment a) {
    return new SheetData.Assignment(a.id(), a.caseId(), a.caseNumber(), a.roundId(), a.roundTitle(), a.roundKind(),
        uk.isafe.practice.audit.round.RoundState.PLANNED, a.bankId(), a.bankVersion(), a.teamId(), a.teamName(),
        a.stage(), a.ageBand(), a.auditorId(), "uncalibrated", a.status(), a.comment(), a.version());
  }

  /** Fails with a clear page when the sheet cannot take answers (round not open, or already submitted). */
  static void requireEditable(SheetData.Assignment a) {
    if (a.submitted()) {
      throw new HttpProblem(409, "already-submitted", "audit.error.submitted.title", "audit.error.submitted.detail");
    }
    if ("uncalibrated".equals(a.kind())) {
      throw new HttpProblem(409, "not-calibrated", "audit.error.calibrate.title", "audit.error.calibrate.detail");
    }
    if (!a.roundState().acceptsAnswers()) {
      throw new HttpProblem(409, "round-not-open", "audit.error.roundNotOpen.title",
          "audit.error.roundNotOpen." + a.roundState().code());
    }
  }

  private Future<Void> addMan(RoutingContext ctx, AuditRequest r) {
    return open(ctx, r).compose(o -> {
      requireEditable(o.a());
      Optional<String> role = Forms.text(ctx, "role");
      Optional<String> problem = SheetRules.checkMan(o.bank(), o.sheet(), role.orElse(null));
      if (problem.isPresent()) {
        return core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "?notice=" + problem.get());
      }
      int version = Forms.intIn(ctx, "version", 0, Integer.MAX_VALUE).orElse(-1);
      return core.pool().withTransaction(tx -> sheets.claim(tx, o.a().id(), version)
              .compose(v -> sheets.addMan(tx, o.a().id(), role.get())))
          .compose(n -> core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "/man/" + n))
          .recover(e -> e instanceof SheetData.Stale
              ? core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "?notice=audit.form.stale")
              : Future.failedFuture(e));
    });
  }

  private int manNumber(RoutingContext ctx, AnswerSheet sheet) {
    int n = (int) Math.min(Integer.MAX_VALUE, Forms.pathId(ctx, "n"));
    if (!sheet.men().containsKey(n)) {
      throw new HttpProblem(404, "unknown-man", "audit.error.unknownMan.title", "audit.error.unknownMan.detail");
    }
    return n;
  }

  private Future<Void> showMan(RoutingContext ctx, AuditRequest r) {
    return open(ctx, r).compose(o -> {
      int n = manNumber(ctx, o.sheet());
      return pages.man(ctx, 200, r, o.a(), o.bank(), n, o.sheet().men().get(n),
          FormPages.Values.of(o.sheet(), n), Map.of(), false);
    });
  }

  private Future<Void> saveMan(RoutingContext ctx, AuditRequest r) {
    return open(ctx, r).compose(o -> {
      int n = manNumber(ctx, o.sheet());
      if ("uncalibrated".equals(o.a().kind())) {
        requireEditable(o.a());
      }
      FormPages.Values posted = posted(ctx, o.bank().manItems());
      if (!o.a().roundState().acceptsAnswers() || o.a().submitted()) {
        return pages.man(ctx, 409, r, o.a(), o.bank(), n, o.sheet().men().get(n), posted, Map.of(), true);
      }
      Map<AnswerSheet.Key, AnswerSheet.Given> valid = new LinkedHashMap<>();
      Map<String, String> errors = new LinkedHashMap<>();
      check(o, n, o.bank().manItems(), posted, valid, errors);
      int version = Forms.intIn(ctx, "version", 0, Integer.MAX_VALUE).orElse(-1);
      return core.pool().withTransaction(tx -> sheets.claim(tx, o.a().id(), version)
              .compose(v -> sheets.saveAnswers(tx, o.a().id(), valid)))
          .compose(v -> errors.isEmpty() ? core.pages().redirect(ctx, "/audit/case/" + o.a().id()
                  + "?notice=audit.form.savedMan")
              : sheets.assignment(core.pool(), r.org(), o.a().id()).compose(fresh -> pages.man(ctx, 400, r,
                  fresh.orElseThrow(), o.bank(), n, o.sheet().men().get(n), posted, errors, false)))
          .recover(e -> {
            if (!(e instanceof SheetData.Stale)) {
              return Future.failedFuture(e);
            }
            LOG.info("audit answers not saved reason=stale assignment={}", o.a().id());
            return sheets.assignment(core.pool(), r.org(), o.a().id()).compose(fresh -> pages.man(ctx, 409, r,
                fresh.orElse(o.a()), o.bank(), n, o.sheet().men().get(n), posted, errors, true));
          });
    });
  }

  private Future<Void> removeMan(RoutingContext ctx, AuditRequest r) {
    return open(ctx, r).compose(o -> {
      requireEditable(o.a());
      int n = manNumber(ctx, o.sheet());
      int version = Forms.intIn(ctx, "version", 0, Integer.MAX_VALUE).orElse(-1);
      return core.pool().withTransaction(tx -> sheets.claim(tx, o.a().id(), version)
              .compose(v -> sheets.removeMan(tx, o.a().id(), n)))
          .compose(v -> core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "?notice=audit.form.removedMan"))
          .recover(e -> e instanceof SheetData.Stale
              ? core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "?notice=audit.form.stale")
              : Future.failedFuture(e));
    });
  }

  static FormPages.Values posted(RoutingContext ctx, java.util.List<BankItem> items) {
    Map<String, String> answers = new HashMap<>();
    Map<String, String> reasons = new HashMap<>();
    for (BankItem i : items) {
      Forms.text(ctx, "answer-" + i.id()).ifPresent(v -> answers.put(i.id(), v));
      Forms.text(ctx, "na-" + i.id()).ifPresent(v -> reasons.put(i.id(), v));
    }
    return new FormPages.Values(answers, reasons);
  }

  /** Splits posted answers into those that may be saved and those with an error (an unanswered item is neither). */
  static void check(Opened o, int man, java.util.List<BankItem> items, FormPages.Values posted,
      Map<AnswerSheet.Key, AnswerSheet.Given> valid, Map<String, String> errors) {
    for (BankItem i : items) {
      String answer = posted.answers().get(i.id());
      if (answer == null) {
        continue;
      }
      String reason = posted.reasons().get(i.id());
      Optional<String> problem = SheetRules.check(o.bank(), o.sheet(), man, i.id(), answer, reason);
      if (problem.isPresent()) {
        errors.put(i.id(), problem.get());
        continue;
      }
      Answer a = Answer.parse(answer).orElseThrow();
      valid.put(new AnswerSheet.Key(man, i.id()), a == Answer.NA ? AnswerSheet.Given.na(reason)
          : AnswerSheet.Given.of(a));
    }
  }
}
