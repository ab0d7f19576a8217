package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankItem;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.bank.Scope;
import uk.isafe.practice.audit.bank.Section;
import uk.isafe.practice.audit.data.SheetData;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.measure.Calibration;
import uk.isafe.practice.audit.sheet.AnswerSheet;
import uk.isafe.practice.audit.sheet.SheetRules;
import uk.isafe.practice.core.Core;

/** Builds the audit form's pages: the task list, a man's questions, the child's questions. */
final class FormPages {
  static final List<String> ANSWERS = List.of("yes", "partly", "no", "na");
  private final Core core;

  FormPages(Core core) {
    this.core = core;
  }

  /** Posted or stored values for one page: answer and N/A reason per item. */
  record Values(Map<String, String> answers, Map<String, String> reasons) {
    static Values of(AnswerSheet sheet, int man) {
      Map<String, String> a = new HashMap<>();
      Map<String, String> n = new HashMap<>();
      sheet.answers().forEach((k, g) -> {
        if (k.man() == man) {
          a.put(k.itemId(), g.answer().code());
          g.naReason().ifPresent(x -> n.put(k.itemId(), x));
        }
      });
      return new Values(a, n);
    }
  }

  Future<Void> tasks(RoutingContext ctx, AuditRequest r, SheetData.Assignment a, AuditBank bank, AnswerSheet sheet,
      Optional<String> notice, Optional<Calibration> calibration) {
    BankText words = bank.text(r.locale(), r.nation());
    List<SheetRules.Gap> gaps = SheetRules.gaps(bank, sheet);
    List<Map<String, Object>> men = new ArrayList<>();
    sheet.men().keySet().stream().sorted().forEach(m -> {
      long missing = gaps.stream().filter(g -> g.where().man() == m).count();
      men.add(Map.of("number", m, "role", words.manRole(sheet.men().get(m)), "status", missing == 0 ? "done"
          : missing == bank.manItems().size() ? "todo" : "started"));
    });
    long childMissing = gaps.stream().filter(g -> g.where().man() == AnswerSheet.CHILD).count();
    List<Map<String, Object>> noes = new ArrayList<>();
    sheet.answers().forEach((k, g) -> {
      if (g.answer() == Answer.NO) {
        noes.add(Map.of("man", k.man(), "item", k.itemId(), "text", words.itemText(k.itemId())));
      }
    });
    noes.sort((x, y) -> Integer.compare((int) x.get("man"), (int) y.get("man")));
    Map<String, Object> model = base(r, a, words);
    model.put("men", men);
    model.put("childStatus", childMissing == 0 ? "done" : childMissing > bank.childItems().size() ? "todo"
        : "started");
    model.put("complete", gaps.isEmpty());
    model.put("noes", a.roundKind().equals("live") ? noes : List.of());
    model.put("notice", notice.orElse(""));
    calibration.ifPresent(c -> model.put("calibration", Map.of("matched", c.matched(), "total", c.total(),
        "percent", Math.round(c.percent() * 100), "passed", c.passed(), "pass", r.settings().calibrationPass())));
    model.put("gaps", gaps.size());
    model.put("roles", bank.manRoles().stream().map(c -> Map.of("id", c.id(), "label", words.manRole(c.id())))
        .toList());
    return core.pages().render(ctx, "audit/case", model);
  }

  Future<Void> man(RoutingContext ctx, int status, AuditRequest r, SheetData.Assignment a, AuditBank bank,
      int man, String role, Values values, Map<String, String> errors, boolean stale) {
    BankText words = bank.text(r.locale(), r.nation());
    Map<String, Object> model = base(r, a, words);
    model.put("man", man);
    model.put("role", words.manRole(role));
    model.put("sections", sections(bank, Scope.MAN, words, values, errors));
    model.put("errors", errorList(errors, words));
    model.put("stale", stale);
    return core.pages().render(ctx, status, "audit/man", model);
  }

  Future<Void> child(RoutingContext ctx, int status, AuditRequest r, SheetData.Assignment a, AuditBank bank,
      Values values, Optional<String> judgement, String comment, Map<String, String> errors, boolean stale,
      List<String> commentProblems) {
    BankText words = bank.text(r.locale(), r.nation());
    Map<String, Object> model = base(r, a, words);
    model.put("sections", sections(bank, Scope.CHILD, words, values, errors));
    model.put("judgementQuestion", words.get("judgement.question"));
    model.put("judgements", bank.judgements().stream().map(j -> Map.of("id", j.id(), "label",
        words.judgement(j.id()), "checked", judgement.map(j.id()::equals).orElse(false))).toList());
    model.put("commentQuestion", words.get("comment.question"));
    model.put("commentHint", words.get("comment.hint"));
    model.put("commentMax", bank.commentMaxLength());
    model.put("comment", comment);
    model.put("commentProblems", commentProblems);
    List<Map<String, String>> list = new ArrayList<>(errorList(errors, words));
    if (errors.containsKey("judgement")) {
      list.add(Map.of("href", "#judgement", "text", core.pages().catalog(ctx).get(errors.get("judgement"))));
    }
    if (!commentProblems.isEmpty() || errors.containsKey("comment")) {
      list.add(Map.of("href", "#comment", "text", core.pages().catalog(ctx).get("audit.form.error.comment")));
    }
    model.put("errors", list);
    model.put("judgementError", errors.getOrDefault("judgement", ""));
    model.put("stale", stale);
    return core.pages().render(ctx, status, "audit/child", model);
  }

  private Map<String, Object> base(AuditRequest r, SheetData.Assignment a, BankText words) {
    Map<String, Object> model = new HashMap<>();
    model.put("a", a);
    model.put("bankTitle", words.title());
    model.put("stage", a.stage().map(words::stage).orElse(""));
    model.put("editable", a.roundState().acceptsAnswers() && !a.submitted());
    return model;
  }

  private static List<Map<String, Object>> sections(AuditBank bank, Scope scope, BankText words, Values values,
      Map<String, String> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Section s : bank.sections()) {
      if (s.scope() != scope) {
        continue;
      }
      List<Map<String, Object>> items = new ArrayList<>();
      for (BankItem i : s.items()) {
        Map<String, Object> item = new HashMap<>();
        item.put("id", i.id());
        item.put("text", words.itemText(i.id()));
        item.put("yesMeans", words.yesMeans(i.id()));
        item.put("partlyMeans", Optional.ofNullable(words.partlyMeans(i.id())).orElse(""));
        item.put("answer", values.answers().getOrDefault(i.id(), ""));
        item.put("reason", values.reasons().getOrDefault(i.id(), ""));
        item.put("options", ANSWERS.stream().filter(x -> !x.equals("na") || !i.naReasons().isEmpty()).toList());
        item.put("reasons", i.naReasons().stream().map(n -> Map.of("id", n, "label", words.naReason(n))).toList());
        item.put("error", errors.getOrDefault(i.id(), ""));
        items.add(item);
      }
      out.add(Map.of("id", s.id(), "title", words.section(s.id()), "items", items));
    }
    return out;
  }

  private static List<Map<String, String>> errorList(Map<String, String> errors, BankText words) {
    List<Map<String, String>> out = new ArrayList<>();
    errors.forEach((item, key) -> {
      if (!item.equals("judgement") && !item.equals("comment")) {
        out.add(Map.of("href", "#answer-" + item, "text", words.itemText(item), "key", key));
      }
    });
    return out;
  }
}
