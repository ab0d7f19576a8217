package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.core.Core;

/**
 * A team or senior leader's look-up of an audited case by its reference: which round and team, the stage and age
 * band, and for each man (by role) whether he met each indicator. The view is recorded.
 */
final class CaseLookup {
  private final Core core;
  private final AuditContent content;
  private final ResultData results = new ResultData();
  private final SheetData sheets = new SheetData();

  CaseLookup(Core core, AuditContent content) {
    this.core = core;
    this.content = content;
  }

  Future<Void> show(RoutingContext ctx, AuditRequest r, SheetData.Assignment a) {
    return Future.all(content.forRound(core.pool(), a.bankId(), a.bankVersion()),
        results.caseResults(core.pool(), a.caseId()),
        sheets.recordView(core.pool(), a.caseId(), r.personId(), "lookup")).compose(x -> {
          AuditBank bank = x.resultAt(0);
          BankText words = bank.text(r.locale(), r.nation());
          List<ResultData.ManOutcome> outcomes = x.resultAt(1);
          Map<Integer, Map<String, Object>> men = new LinkedHashMap<>();
          for (ResultData.ManOutcome o : outcomes) {
            Map<String, Object> man = men.computeIfAbsent(o.man(), k -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("number", k);
              m.put("role", words.manRole(o.role()));
              m.put("outcomes", new ArrayList<Map<String, String>>());
              return m;
            });
            @SuppressWarnings("unchecked")
            List<Map<String, String>> list = (List<Map<String, String>>) man.get("outcomes");
            list.add(Map.of("indicator", words.indicator(o.indicatorId()), "outcome", o.outcome()));
          }
          return core.pages().render(ctx, "audit/lookup", Map.of("a", a, "stage", a.stage().map(words::stage)
              .orElse(""), "men", new ArrayList<>(men.values()), "counted", !outcomes.isEmpty()));
        });
  }
}
