package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.sheet.AnswerSheet;
import uk.isafe.practice.audit.sheet.Comparison;

/**
 * When a live case counts: a single audit as soon as it is submitted; a double audit once both are submitted and
 * every item they disagree on has a moderator's agreed value (then the primary audit, corrected by moderation,
 * counts). Calibration cases never count towards the organisation's figures.
 */
final class Results {
  private final SheetData sheets = new SheetData();
  private final ResultData results = new ResultData();

  /** The state of a double-audited case, for the moderator. */
  record Pair(SheetData.Assignment primary, SheetData.Assignment second, AnswerSheet first, AnswerSheet other,
      List<Comparison.Difference> differences) {
  }

  Future<Void> settle(SqlClient tx, Org org, AuditBank bank, long caseId) {
    return sheets.ofCase(tx, org, caseId).compose(all -> {
      Optional<SheetData.Assignment> primary = all.stream().filter(a -> a.kind().equals("primary")).findFirst();
      if (primary.isEmpty() || !primary.get().submitted() || !"live".equals(primary.get().roundKind())) {
        return Future.succeededFuture();
      }
      Optional<SheetData.Assignment> second = all.stream().filter(a -> a.kind().equals("second")).findFirst();
      if (second.isEmpty()) {
        return sheets.sheet(tx, primary.get().id()).compose(s -> store(tx, bank, caseId, s));
      }
      if (!second.get().submitted()) {
        return Future.succeededFuture();
      }
      return Future.all(sheets.sheet(tx, primary.get().id()), sheets.sheet(tx, second.get().id()),
          results.moderations(tx, caseId)).compose(x -> {
            AnswerSheet first = x.resultAt(0);
            AnswerSheet other = x.resultAt(1);
            java.util.Map<AnswerSheet.Key, AnswerSheet.Given> agreed = x.resultAt(2);
            boolean resolved = Comparison.differences(bank, first, other).stream()
                .allMatch(d -> agreed.containsKey(d.key()));
            return resolved ? store(tx, bank, caseId, first.with(agreed)) : Future.succeededFuture();
          });
    });
  }

  private Future<Void> store(SqlClient tx, AuditBank bank, long caseId, AnswerSheet sheet) {
    List<Integer> ordinals = sheet.men().keySet().stream().sorted().toList();
    return results.storeResults(tx, caseId, bank, sheet.menRecords(), ordinals);
  }

  /** The two audits of a double-audited case and where they differ; empty unless both are submitted. */
  Future<Optional<Pair>> pair(SqlClient db, Org org, AuditBank bank, long caseId) {
    return sheets.ofCase(db, org, caseId).compose(all -> {
      Optional<SheetData.Assignment> p = all.stream().filter(a -> a.kind().equals("primary")).findFirst();
      Optional<SheetData.Assignment> s = all.stream().filter(a -> a.kind().equals("second")).findFirst();
      if (p.isEmpty() || s.isEmpty() || !p.get().submitted() || !s.get().submitted()) {
        return Future.succeededFuture(Optional.<Pair>empty());
      }
      return Future.all(sheets.sheet(db, p.get().id()), sheets.sheet(db, s.get().id())).map(x -> {
        AnswerSheet a = x.resultAt(0);
        AnswerSheet b = x.resultAt(1);
        return Optional.of(new Pair(p.get(), s.get(), a, b, Comparison.differences(bank, a, b)));
      });
    });
  }
}
