package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.audit.protect.FreeTextCheck;
import uk.isafe.practice.audit.sheet.AnswerSheet;
import uk.isafe.practice.audit.sheet.SheetRules;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * The child's page (answers, the overall judgement and the optional comment, refused when it looks like it names
 * someone, gives a date or an address), submitting a complete sheet (a second submit is harmless), and finding a case
 * by typing its reference.
 */
final class Submission {
  private static final Logger LOG = LoggerFactory.getLogger(Submission.class);
  private final Core core;
  private final AuditContent content;
  private final Function<Org, CaseRefHasher> hashers;
  private final SheetData sheets = new SheetData();
  private final FormRoutes forms;
  private final FormPages pages;
  private final Results results = new Results();
  private final CaseLookup lookup;

  Submission(Core core, AuditContent content, Function<Org, CaseRefHasher> hashers, FormRoutes forms) {
    this.core = core;
    this.content = content;
    this.hashers = hashers;
    this.forms = forms;
    this.pages = new FormPages(core);
    this.lookup = new CaseLookup(core, content);
  }

  Future<Void> saveChild(RoutingContext ctx, AuditRequest r) {
    return forms.open(ctx, r).compose(o -> {
      if ("uncalibrated".equals(o.a().kind())) {
        FormRoutes.requireEditable(o.a());
      }
      FormPages.Values posted = FormRoutes.posted(ctx, o.bank().childItems());
      Optional<String> judgement = Forms.text(ctx, "judgement");
      String comment = Forms.text(ctx, "comment").orElse("");
      if (!o.a().roundState().acceptsAnswers() || o.a().submitted()) {
        return pages.child(ctx, 409, r, o.a(), o.bank(), posted, judgement, comment, Map.of(), true, List.of());
      }
      Map<AnswerSheet.Key, AnswerSheet.Given> valid = new LinkedHashMap<>();
      Map<String, String> errors = new LinkedHashMap<>();
      FormRoutes.check(o, AnswerSheet.CHILD, o.bank().childItems(), posted, valid, errors);
      if (judgement.isPresent() && !o.bank().hasJudgement(judgement.get())) {
        errors.put("judgement", "audit.form.error.judgement");
        judgement = Optional.empty();
      }
      List<String> commentProblems = new ArrayList<>();
      if (comment.length() > o.bank().commentMaxLength()) {
        commentProblems.add(core.pages().catalog(ctx).get("audit.form.comment.tooLong", o.bank().commentMaxLength()));
      }
      for (FreeTextCheck.Finding f : FreeTextCheck.check(comment)) {
        commentProblems.add(core.pages().catalog(ctx).get("audit.form.comment.found." + f.kind().name()
            .toLowerCase(java.util.Locale.ROOT), f.text()));
      }
      if (!commentProblems.isEmpty()) {
        LOG.info("audit comment refused reason=identifying-details assignment={} findings={}", o.a().id(),
            commentProblems.size());
      }
      Optional<String> savedComment = commentProblems.isEmpty() ? Optional.of(comment).filter(c -> !c.isEmpty())
          : o.a().comment();
      Optional<String> savedJudgement = judgement.or(() -> o.sheet().judgement());
      int version = Forms.intIn(ctx, "version", 0, Integer.MAX_VALUE).orElse(-1);
      final Optional<String> shownJudgement = judgement;
      return core.pool().withTransaction(tx -> sheets.claim(tx, o.a().id(), version)
              .compose(v -> sheets.saveAnswers(tx, o.a().id(), valid))
              .compose(v -> sheets.saveOverall(tx, o.a().id(), savedJudgement, savedComment)))
          .compose(v -> errors.isEmpty() && commentProblems.isEmpty()
              ? core.pages().redirect(ctx, "/audit/case/" + o.a().id() + "?notice=audit.form.savedChild")
              : sheets.assignment(core.pool(), r.org(), o.a().id()).compose(fresh -> pages.child(ctx, 400, r,
                  fresh.orElseThrow(), o.bank(), posted, shownJudgement, comment, errors, false, commentProblems)))
          .recover(e -> e instanceof SheetData.Stale
              ? sheets.assignment(core.pool(), r.org(), o.a().id()).compose(fresh -> pages.child(ctx, 409, r,
                  fresh.orElse(o.a()), o.bank(), posted, shownJudgement, comment, errors, true, commentProblems))
              : Future.failedFuture(e));
    });
  }

  Future<Void> submit(RoutingContext ctx, AuditRequest r) {
    return forms.open(ctx, r).compose(o -> {
      String back = "/audit/case/" + o.a().id();
      if (o.a().submitted()) {
        return core.pages().redirect(ctx, back + "?notice=audit.form.alreadySubmitted");
      }
      FormRoutes.requireEditable(o.a());
      if (!SheetRules.gaps(o.bank(), o.sheet()).isEmpty()) {
        return core.pages().redirect(ctx, back + "?notice=audit.form.incomplete");
      }
      int version = Forms.intIn(ctx, "version", 0, Integer.MAX_VALUE).orElse(-1);
      return core.pool().withTransaction(tx -> sheets.claim(tx, o.a().id(), version)
              .compose(v -> sheets.submit(tx, o.a().id()))
              .compose(v -> results.settle(tx, r.org(), o.bank(), o.a().caseId())))
          .compose(v -> {
            LOG.info("audit submitted assignment={} case={} kind={}", o.a().id(), o.a().caseId(), o.a().kind());
            return core.pages().redirect(ctx, back + "?notice=audit.form.submitted");
          })
          .recover(e -> e instanceof SheetData.Stale
              ? core.pages().redirect(ctx, back + "?notice=audit.form.stale") : Future.failedFuture(e));
    });
  }

  Future<Void> find(RoutingContext ctx, AuditRequest r) {
    r.requireAny();
    Optional<String> reference = Forms.text(ctx, "reference").map(CaseRefHasher::normalise)
        .filter(s -> !s.isEmpty() && s.length() <= 40);
    if (reference.isEmpty()) {
      throw HttpProblem.badRequest("no-reference", "audit.find.error.empty");
    }
    CaseRefHasher hasher = hashers.apply(r.org());
    return core.vertx().executeBlocking(() -> hasher.hash(reference.get()))
        .compose(hash -> sheets.byReference(core.pool(), r.org(), hash))
        .compose(found -> {
          if (found.isEmpty()) {
            LOG.info("audit lookup reason=unknown-reference person={}", r.personId());
            throw new HttpProblem(404, "unknown-reference", "audit.find.unknown.title", "audit.find.unknown.detail");
          }
          Optional<SheetData.Assignment> mine = found.stream().filter(a -> a.auditorId() == r.personId()
              && !a.submitted()).findFirst().or(() -> found.stream().filter(a -> a.auditorId() == r.personId())
              .findFirst());
          if (mine.isPresent()) {
            return core.pages().redirect(ctx, "/audit/case/" + mine.get().id());
          }
          SheetData.Assignment any = found.get(0);
          if (!r.access().seesTeam(any.teamId())) {
            LOG.info("audit lookup refused reason=not-your-team person={}", r.personId());
            throw AuditRequest.forbidden("not-your-case");
          }
          return lookup.show(ctx, r, any);
        });
  }
}
