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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.sheet.AnswerSheet;
import uk.isafe.practice.audit.sheet.Comparison;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.web.HttpProblem;

/**
 * Moderation of double audits ({@code /audit/moderate/:case}): the items two auditors answered differently, side by
 * side, with an agreed value and a reason for each. A moderator who audited the case is refused. Once every
 * difference has an agreed value, the case counts.
 */
final class ModerationRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ModerationRoutes.class);
  private final Core core;
  private final AuditContent content;
  private final SheetData sheets = new SheetData();
  private final ResultData results = new ResultData();
  private final Results settle = new Results();

  ModerationRoutes(Core core, AuditContent content) {
    this.core = core;
    this.content = content;
  }

  void mount(AuditFeature f, Router router) {
    f.route(router, HttpMethod.GET, "/audit/moderate/:case", (ctx, r) -> show(ctx, r, 200, Map.of()));
    f.route(router, HttpMethod.POST, "/audit/moderate/:case", this::save);
  }

  private record Loaded(AuditBank bank, Results.Pair pair, Map<AnswerSheet.Key, AnswerSheet.Given> agreed) {
  }

  private Future<Loaded> load(RoutingContext ctx, AuditRequest r) {
    r.requireModerator();
    long caseId = Forms.pathId(ctx, "case");
    return sheets.ofCase(core.pool(), r.org(), caseId).compose(all -> {
      if (all.isEmpty()) {
        throw new HttpProblem(404, "unknown-case", "audit.error.unknownCase.title", "audit.error.unknownCase.detail");
      }
      if (all.stream().anyMatch(a -> a.auditorId() == r.personId())) {
        throw AuditRequest.forbidden("own-case");
      }
      SheetData.Assignment a = all.get(0);
      return content.forRound(core.pool(), a.bankId(), a.bankVersion()).compose(bank ->
          Future.all(settle.pair(core.pool(), r.org(), bank, caseId), results.moderations(core.pool(), caseId),
              sheets.recordView(core.pool(), caseId, r.personId(), "moderate"))
          .map(x -> {
            Optional<Results.Pair> pair = x.resultAt(0);
            return new Loaded(bank, pair.orElseThrow(() -> new HttpProblem(409, "not-ready",
                "audit.moderate.notReady.title", "audit.moderate.notReady.detail")), x.resultAt(1));
          }));
    });
  }

  private Future<Void> show(RoutingContext ctx, AuditRequest r, int status, Map<String, String> errors) {
    return load(ctx, r).compose(l -> {
      BankText words = l.bank().text(r.locale(), r.nation());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Comparison.Difference d : l.pair().differences()) {
        String field = d.key().man() + "-" + d.key().itemId();
        Map<String, Object> row = new HashMap<>();
        row.put("field", field);
        row.put("man", d.key().man());
        row.put("role", d.key().man() == 0 ? "" : words.manRole(Optional.ofNullable(l.pair().first().men()
            .get(d.key().man())).orElse(l.pair().other().men().getOrDefault(d.key().man(), "unknown"))));
        row.put("text", words.itemText(d.key().itemId()));
        row.put("yesMeans", words.yesMeans(d.key().itemId()));
        row.put("first", d.first().map(g -> g.answer().code()).orElse(""));
        row.put("second", d.second().map(g -> g.answer().code()).orElse(""));
        AnswerSheet.Given agreed = l.agreed().get(d.key());
        row.put("agreed", agreed == null ? "" : agreed.answer().code());
        row.put("reasons", l.bank().item(d.key().itemId()).orElseThrow().naReasons().stream().map(n -> Map.of("id",
            n, "label", words.naReason(n))).toList());
        row.put("naReason", agreed == null ? "" : agreed.naReason().orElse(""));
        row.put("error", errors.getOrDefault(field, ""));
        rows.add(row);
      }
      return core.pages().render(ctx, status, "audit/moderate", Map.of("caseId", Forms.pathId(ctx, "case"),
          "caseNumber", l.pair().primary().caseNumber(), "team", l.pair().primary().teamName(), "rows", rows,
          "roundId", l.pair().primary().roundId(), "errors", errors));
    });
  }

  private Future<Void> save(RoutingContext ctx, AuditRequest r) {
    return load(ctx, r).compose(l -> {
      Map<AnswerSheet.Key, AnswerSheet.Given> agreed = new LinkedHashMap<>();
      Map<AnswerSheet.Key, String> reasons = new LinkedHashMap<>();
      Map<String, String> errors = new LinkedHashMap<>();
      for (Comparison.Difference d : l.pair().differences()) {
        String field = d.key().man() + "-" + d.key().itemId();
        Optional<Answer> a = Forms.text(ctx, "agreed-" + field).flatMap(Answer::parse);
        Optional<String> why = Forms.text(ctx, "reason-" + field).filter(s -> s.length() <= 500);
        Optional<String> na = Forms.text(ctx, "na-" + field);
        if (a.isEmpty()) {
          continue;
        }
        if (why.isEmpty()) {
          errors.put(field, "audit.moderate.error.reason");
          continue;
        }
        if (a.get() == Answer.NA && (na.isEmpty() || !l.bank().item(d.key().itemId()).orElseThrow()
            .allowsNa(na.get()))) {
          errors.put(field, "audit.form.error.naReason");
          continue;
        }
        agreed.put(d.key(), a.get() == Answer.NA ? AnswerSheet.Given.na(na.get()) : AnswerSheet.Given.of(a.get()));
        reasons.put(d.key(), why.get());
      }
      long caseId = Forms.pathId(ctx, "case");
      return core.pool().withTransaction(tx -> {
        Future<Void> chain = Future.succeededFuture();
        for (var e : agreed.entrySet()) {
          chain = chain.compose(v -> results.saveModeration(tx, caseId, e.getKey(), e.getValue(),
              reasons.get(e.getKey()), r.personId()));
        }
        return chain.compose(v -> settle.settle(tx, r.org(), l.bank(), caseId));
      }).compose(v -> {
        LOG.info("audit moderated case={} agreed={} errors={} by={}", caseId, agreed.size(), errors.size(),
            r.personId());
        return errors.isEmpty() ? core.pages().redirect(ctx, "/audit/moderate/" + caseId + "?saved=1")
            : show(ctx, r, 400, errors);
      });
    });
  }
}
