package uk.isafe.practice.audit.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.bank.Choice;
import uk.isafe.practice.audit.bank.Indicator;
import uk.isafe.practice.audit.data.ActionData;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.audit.measure.Agreement;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.measure.Funnel;
import uk.isafe.practice.audit.measure.Proportion;
import uk.isafe.practice.audit.report.Charts;
import uk.isafe.practice.audit.report.Tally;
import uk.isafe.practice.web.Messages;

/** Turns report data into the models of the team view, the organisation view, the summary and the CSV. */
final class ReportViews {

  static Map<String, Object> cell(Proportion p) {
    Map<String, Object> m = new HashMap<>();
    m.put("empty", p.empty());
    m.put("k", p.k());
    m.put("n", p.n());
    m.put("percent", p.empty() ? "" : Proportion.percent(p.rate()) + "%");
    m.put("interval", p.empty() ? "" : Proportion.percent(p.lower()) + "–" + Proportion.percent(p.upper()) + "%");
    return m;
  }

  Map<String, Object> team(ReportData d, long teamId, Optional<Long> asked, LocalDate today) {
    Map<String, Object> model = new HashMap<>();
    Optional<RoundData.Round> round = d.selected(asked);
    model.put("teamId", teamId);
    model.put("teamName", d.teamName(teamId));
    model.put("rounds", d.rounds());
    model.put("round", round.orElse(null));
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Proportion> values = new ArrayList<>();
    for (Indicator i : d.bank().indicators()) {
      long r = round.map(RoundData.Round::id).orElse(-1L);
      Proportion team = Tally.sum(d.cells(), c -> c.roundId() == r && c.teamId() == teamId
          && c.indicatorId().equals(i.id()));
      Proportion org = Tally.sum(d.cells(), c -> c.roundId() == r && c.indicatorId().equals(i.id()));
      Map<String, Object> row = new HashMap<>();
      row.put("label", d.words().indicator(i.id()));
      row.put("description", d.words().indicatorDescription(i.id()));
      row.put("team", cell(team));
      row.put("org", cell(org));
      row.put("orgX", org.empty() ? 0 : Charts.x(org.rate()));
      row.put("position", team.empty() || org.empty() ? "within" : Funnel.position(team.k(), team.n(), org.rate())
          .name().toLowerCase(java.util.Locale.ROOT));
      row.put("byRole", roles(d, c -> c.roundId() == r && c.teamId() == teamId && c.indicatorId().equals(i.id())));
      row.put("history", d.rounds().stream().map(x -> cell(Tally.sum(d.cells(), c -> c.roundId() == x.id()
          && c.teamId() == teamId && c.indicatorId().equals(i.id())))).toList());
      rows.add(row);
      labels.add(d.words().indicator(i.id()));
      values.add(team);
    }
    model.put("rows", rows);
    model.put("chart", Charts.intervals(labels, values, Double.NaN));
    model.put("roles", d.bank().manRoles().stream().map(c -> d.words().manRole(c.id())).toList());
    model.put("actions", actions(d.actions(), today));
    return model;
  }

  private static List<Map<String, Object>> roles(ReportData d, java.util.function.Predicate<Tally.Cell> filter) {
    List<String> ids = d.bank().manRoles().stream().map(Choice::id).toList();
    List<Map<String, Object>> out = new ArrayList<>();
    Tally.by(d.cells(), filter, Tally.Cell::role, ids).forEach((role, p) -> out.add(cell(p)));
    return out;
  }

  static List<Map<String, Object>> actions(List<ActionData.Action> all, LocalDate today) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ActionData.Action a : all) {
      if (a.open()) {
        out.add(Map.of("a", a, "overdue", a.overdue(today), "due", a.dueOn().toString()));
      }
    }
    return out;
  }

  Map<String, Object> organisation(ReportData d, Optional<Long> asked, Optional<String> askedIndicator,
      List<ResultData.Training> training, List<Object[]> doubleAnswers, LocalDate today) {
    Map<String, Object> model = new HashMap<>();
    Optional<RoundData.Round> round = d.selected(asked);
    long r = round.map(RoundData.Round::id).orElse(-1L);
    ReportData inRound = d.onlyRound(r);
    Indicator indicator = askedIndicator.flatMap(d.bank()::indicator).orElse(d.bank().indicators().get(0));
    model.put("rounds", d.rounds());
    model.put("round", round.orElse(null));
    model.put("indicator", indicator.id());
    model.put("indicators", d.bank().indicators().stream().map(i -> Map.of("id", i.id(), "label",
        d.words().indicator(i.id()))).toList());
    List<String> labels = d.bank().indicators().stream().map(i -> d.words().indicator(i.id())).toList();
    List<Long> roundIds = d.rounds().stream().map(RoundData.Round::id).toList();
    List<List<Proportion>> series = new ArrayList<>();
    List<Map<String, Object>> trendRows = new ArrayList<>();
    for (Indicator i : d.bank().indicators()) {
      List<Proportion> s = new ArrayList<>(Tally.by(d.cells(), c -> c.indicatorId().equals(i.id()),
          Tally.Cell::roundId, roundIds).values());
      series.add(s);
      trendRows.add(Map.of("label", d.words().indicator(i.id()), "cells", s.stream().map(ReportViews::cell)
          .toList(), "latest", cell(Tally.sum(inRound.cells(), c -> c.indicatorId().equals(i.id())))));
    }
    model.put("trend", Charts.trend(d.rounds().stream().map(RoundData.Round::title).toList(), labels, series));
    model.put("trendRows", trendRows);
    Proportion org = Tally.sum(inRound.cells(), c -> c.indicatorId().equals(indicator.id()));
    List<String> teamNames = d.teams().stream().map(t -> t.name()).toList();
    Map<Long, Proportion> byTeam = Tally.by(inRound.cells(), c -> c.indicatorId().equals(indicator.id()),
        Tally.Cell::teamId, d.teams().stream().map(t -> t.id()).toList());
    List<Proportion> teamRates = d.teams().stream().map(t -> byTeam.get(t.id())).toList();
    model.put("funnel", org.empty() ? null : Charts.funnel(org.rate(), teamNames, teamRates));
    model.put("orgRate", cell(org));
    model.put("stages", breakdown(inRound, r, d.bank().stages().stream().map(Choice::id).toList(),
        Tally.Cell::stage, id -> d.words().stage(id)));
    model.put("roles", breakdown(inRound, r, d.bank().manRoles().stream().map(Choice::id).toList(),
        Tally.Cell::role, id -> d.words().manRole(id)));
    model.put("completion", completion(d, r));
    model.put("agreement", agreement(d, doubleAnswers));
    model.put("training", training(inRound, r, training));
    List<Map<String, Object>> open = actions(d.actions(), today);
    model.put("overdue", open.stream().filter(a -> (boolean) a.get("overdue")).toList());
    model.put("openActions", open.size());
    model.put("indicatorLabels", labels);
    return model;
  }

  private static List<Map<String, Object>> breakdown(ReportData d, long round, List<String> keys,
      java.util.function.Function<Tally.Cell, String> key, java.util.function.Function<String, String> label) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String k : keys) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (Indicator i : d.bank().indicators()) {
        cells.add(cell(Tally.sum(d.cells(), c -> c.roundId() == round && key.apply(c).equals(k)
            && c.indicatorId().equals(i.id()))));
      }
      out.add(Map.of("label", label.apply(k), "cells", cells));
    }
    return out;
  }

  private static List<Map<String, Object>> completion(ReportData d, long round) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResultData.Completion c : d.completion()) {
      if (c.roundId() == round) {
        out.add(Map.of("team", d.teamName(c.teamId()), "planned", c.planned(), "counted", c.counted(),
            "percent", c.planned() == 0 ? "" : Math.round(100.0 * c.counted() / c.planned()) + "%"));
      }
    }
    return out;
  }

  private static List<Map<String, Object>> agreement(ReportData d, List<Object[]> rows) {
    Map<String, Map<String, Answer>> primary = new HashMap<>();
    Map<String, Map<String, Answer>> second = new HashMap<>();
    for (Object[] row : rows) {
      String key = row[0] + "/" + row[2];
      Map<String, Map<String, Answer>> side = "primary".equals(row[1]) ? primary : second;
      side.computeIfAbsent(key, k -> new HashMap<>()).put((String) row[3], Answer.parse((String) row[4])
          .orElseThrow());
    }
    Map<String, List<Agreement.Pair>> byItem = new LinkedHashMap<>();
    d.bank().allItems().forEach(i -> byItem.put(i.id(), new ArrayList<>()));
    primary.forEach((k, answers) -> {
      Map<String, Answer> other = second.get(k);
      if (other != null) {
        answers.forEach((item, a) -> {
          if (other.containsKey(item) && byItem.containsKey(item)) {
            byItem.get(item).add(new Agreement.Pair(a, other.get(item)));
          }
        });
      }
    });
    List<Map<String, Object>> out = new ArrayList<>();
    byItem.forEach((item, pairs) -> {
      Agreement a = Agreement.of(pairs);
      out.add(Map.of("item", d.words().itemText(item), "pairs", a.pairs(), "percent", a.pairs() == 0 ? ""
          : Proportion.percent(a.percent()) + "%", "ac1", a.pairs() == 0 ? "" : String.format(java.util.Locale.UK,
              "%.2f", a.ac1()), "flagged", a.flagged()));
    });
    return out;
  }

  private static List<Map<String, Object>> training(ReportData d, long round, List<ResultData.Training> all) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResultData.Training t : all) {
      List<Map<String, Object>> rates = new ArrayList<>();
      for (Indicator i : d.bank().indicators()) {
        rates.add(cell(Tally.sum(d.cells(), c -> c.roundId() == round && c.teamId() == t.teamId()
            && c.indicatorId().equals(i.id()))));
      }
      out.add(Map.of("team", d.teamName(t.teamId()), "members", t.members(), "completed", t.completed(),
          "percent", t.members() == 0 ? "" : Math.round(100.0 * t.completed() / t.members()) + "%", "rates", rates));
    }
    return out;
  }

  /** CSV: one row per round, team, man's role (or all) and indicator; formula-safe; header from the bundle. */
  static String csv(ReportData d, Optional<Long> team, Messages.Catalog m) {
    StringBuilder out = new StringBuilder();
    line(out, List.of(m.get("audit.csv.round"), m.get("audit.csv.team"), m.get("audit.csv.role"),
        m.get("audit.csv.indicator"), m.get("audit.csv.met"), m.get("audit.csv.eligible"), m.get("audit.csv.percent"),
        m.get("audit.csv.lower"), m.get("audit.csv.upper")));
    List<String> roles = new ArrayList<>();
    roles.add("");
    d.bank().manRoles().forEach(c -> roles.add(c.id()));
    for (RoundData.Round r : d.rounds()) {
      for (var t : d.teams()) {
        if (team.isPresent() && team.get() != t.id()) {
          continue;
        }
        for (String role : roles) {
          for (Indicator i : d.bank().indicators()) {
            Proportion p = Tally.sum(d.cells(), c -> c.roundId() == r.id() && c.teamId() == t.id()
                && c.indicatorId().equals(i.id()) && (role.isEmpty() || c.role().equals(role)));
            if (p.empty()) {
              continue;
            }
            line(out, List.of(r.title(), t.name(), role.isEmpty() ? m.get("audit.csv.allRoles")
                : d.words().manRole(role), d.words().indicator(i.id()), String.valueOf(p.k()), String.valueOf(p.n()),
                String.valueOf(Proportion.percent(p.rate())), String.valueOf(Proportion.percent(p.lower())),
                String.valueOf(Proportion.percent(p.upper()))));
          }
        }
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
        c = "'" + c;
      }
      out.append(i == 0 ? "" : ",").append('"').append(c.replace("\"", "\"\"")).append('"');
    }
    out.append("\r\n");
  }
}
