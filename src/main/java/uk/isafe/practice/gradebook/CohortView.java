package uk.isafe.practice.gradebook;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.gradebook.charts.Histogram;
import uk.isafe.practice.gradebook.charts.SlopeChart;
import uk.isafe.practice.gradebook.stats.PairedChange;
import uk.isafe.practice.gradebook.stats.Suppression;
import uk.isafe.practice.web.Messages;

/**
 * Turns a {@link Cohort} and its {@link CohortSummary} into what the templates show: formatted figures, sort links
 * with their {@code aria-sort} state, and chart geometry. Labels stay message keys for the templates to translate.
 */
final class CohortView {
  record Header(String sortKey, String labelKey, String labelArg, String href, String ariaSort) {
  }

  /**
   * One learner's scale: pre → post with its change, then pre → follow-up with its change when there is one;
   * {@code retrospective} the "thinking back" mean, shown beside the pre; {@code sharedOnly} when a change was worked
   * out on the items two versions share only.
   */
  record ScaleCell(String label, String prePost, String change, boolean paired, String preFollowUp,
      String followUpChange, boolean followUpPaired, String retrospective, boolean sharedOnly) {
  }

  record Competency(String key, String percent) {
  }

  /** {@code detail} is the formatted “latest 70 · 3 attempts”; {@code competencies} “Risk and resource 75%”. */
  record ScenarioCell(String label, boolean started, String best, String detail, List<String> competencies) {
  }

  record RowView(long personId, String name, String status, String statusLabel, int attempts,
      List<ScaleCell> scales, List<ScenarioCell> scenarios, String delivery) {
  }

  /**
   * Row labels formatted once per request rather than once per cell: with 300 learners the table has thousands of
   * cells, and compiling a message pattern per cell is most of the rendering time.
   */
  static final class Labels {
    private final Messages.Catalog m;
    private final MessageFormat latest;
    private final MessageFormat attempts;
    private final MessageFormat prePost;
    private final Map<String, String> plain = new HashMap<>();

    Labels(Messages.Catalog m) {
      this.m = m;
      Locale locale = Locale.forLanguageTag(m.tag());
      this.latest = new MessageFormat(m.get("gradebook.table.latest"), locale);
      this.attempts = new MessageFormat(m.get("gradebook.table.attemptsCount"), locale);
      this.prePost = new MessageFormat(m.get("gradebook.table.prePost"), locale);
    }

    String plain(String key) {
      return plain.computeIfAbsent(key, m::get);
    }

    String competency(String id) {
      return plain.computeIfAbsent("gradebook.competency." + id, k -> m.has(k) ? m.get(k) : id);
    }

    String prePost(String pre, String post) {
      return prePost.format(new Object[] {pre, post});
    }

    String retrospective(String value) {
      return value == null ? null : plain("gradebook.table.lookingBack") + " " + value;
    }

    String detail(String latestScore, int n) {
      return latest.format(new Object[] {latestScore}) + " · " + attempts.format(new Object[] {n});
    }
  }

  record ScaleRow(String label, String waveKey, boolean sharedOnly, int nPre, int nPost, int nPaired, String pre,
      String post, String change,
      String changeLow, String changeHigh, String dav, String davLow, String davHigh, String gav, String dz,
      String meansNote, String changeNote, String effectNote) {
  }

  record SlopeView(String label, String waveKey, SlopeChart chart) {
  }

  record HistogramView(String scenarioId, String title, Histogram chart) {
  }

  private CohortView() {
  }

  static List<Header> headers(Cohort cohort, ScenarioTexts texts, String sort, boolean desc, String status) {
    List<Header> out = new ArrayList<>();
    out.add(header("name", "gradebook.table.learner", null, sort, desc, status));
    out.add(header("status", "gradebook.table.status", null, sort, desc, status));
    out.add(header("attempts", "gradebook.table.attempts", null, sort, desc, status));
    for (String s : cohort.scaleKeys()) {
      out.add(header("change:" + s, "gradebook.table.changeOf", label(s), sort, desc, status));
    }
    for (String id : cohort.scenarioIds()) {
      out.add(header("scenario:" + id, "gradebook.table.bestOf", texts.title(id), sort, desc, status));
    }
    return out;
  }

  private static Header header(String key, String labelKey, String arg, String sort, boolean desc, String status) {
    boolean active = key.equals(sort);
    boolean nextDesc = active && !desc;
    String href = "/gradebook?sort=" + Fmt.enc(key) + "&dir=" + (nextDesc ? "desc" : "asc")
        + (status == null ? "" : "&status=" + Fmt.enc(status)) + "#learners";
    return new Header(key, labelKey, arg, href, active ? (desc ? "descending" : "ascending") : null);
  }

  /** The options of the sort menu: every sort key with its label key and argument. */
  static List<Header> sortOptions(Cohort cohort, ScenarioTexts texts) {
    List<Header> out = new ArrayList<>();
    for (String key : cohort.sortKeys()) {
      int colon = key.indexOf(':');
      String kind = colon < 0 ? key : key.substring(0, colon);
      String arg = colon < 0 ? null : kind.equals("scenario") ? texts.title(key.substring(colon + 1))
          : label(key.substring(colon + 1));
      out.add(new Header(key, "gradebook.sort." + kind, arg, null, null));
    }
    return out;
  }

  static List<RowView> rows(Cohort cohort, List<Cohort.Row> rows, Labels labels, List<String> columnLabels) {
    int scaleCount = cohort.scaleKeys().size();
    List<RowView> out = new ArrayList<>(rows.size());
    for (Cohort.Row r : rows) {
      List<ScaleCell> scales = new ArrayList<>();
      for (int i = 0; i < scaleCount; i++) {
        Cohort.ScaleCell c = r.scales().get(cohort.scaleKeys().get(i));
        boolean hasFollowUp = c.followUp() != null;
        scales.add(new ScaleCell(columnLabels.get(3 + i), labels.prePost(Fmt.two(c.pre()), Fmt.two(c.post())),
            Fmt.signed(c.change()), c.change() != null,
            hasFollowUp ? labels.prePost(Fmt.two(c.pre()), Fmt.two(c.followUp())) : null,
            Fmt.signed(c.followUpChange()), c.followUpChange() != null,
            labels.retrospective(c.retrospective() == null ? null : Fmt.two(c.retrospective())), c.sharedOnly()));
      }
      List<ScenarioCell> scen = new ArrayList<>();
      for (int i = 0; i < cohort.scenarioIds().size(); i++) {
        Cohort.ScenarioCell c = r.scenarios().get(cohort.scenarioIds().get(i));
        String label = columnLabels.get(3 + scaleCount + i);
        if (c == null) {
          scen.add(new ScenarioCell(label, false, Fmt.NONE, labels.plain("gradebook.table.notAttempted"), List.of()));
        } else {
          List<String> comps = new ArrayList<>();
          c.competencies().forEach((k, v) -> comps.add(labels.competency(k) + " " + Fmt.percent(v)));
          scen.add(new ScenarioCell(label, true, Fmt.score(c.best()),
              labels.detail(Fmt.score(c.latest()), c.attempts()),
              comps));
        }
      }
      String status = r.status().key();
      out.add(new RowView(r.personId(), r.name(), status, labels.plain("gradebook.status." + status), r.attempts(),
          scales, scen, labels.plain("gradebook.delivery." + (r.delivery() == null ? "unknown" : r.delivery()))));
    }
    return out;
  }

  static List<ScaleRow> scaleRows(CohortSummary summary) {
    List<ScaleRow> out = new ArrayList<>();
    for (CohortSummary.ScaleSummary s : summary.scales()) {
      PairedChange c = s.change();
      boolean effect = s.effectShown() && c != null;
      out.add(new ScaleRow(label(s.key()), "gradebook.summary.to." + s.toWave(), s.sharedOnly(), s.nPre(), s.nPost(),
          s.nPaired(), Fmt.two(s.preMean()),
          Fmt.two(s.postMean()), c == null ? null : Fmt.signed(c.meanDiff()),
          c == null ? null : Fmt.signed(c.diffLow()), c == null ? null : Fmt.signed(c.diffHigh()), effect ? Fmt.two(c.dav()) : null,
          effect ? Fmt.signed(c.davLow()) : null, effect ? Fmt.signed(c.davHigh()) : null,
          effect ? Fmt.two(c.gav()) : null, effect ? Fmt.two(c.dz()) : null, note(s.meansSuppressed()),
          note(s.changeSuppressed()), note(s.effectSuppressed())));
    }
    return out;
  }

  static String note(Suppression.Reason r) {
    return switch (r) {
      case NONE -> null;
      case TOO_FEW_FOR_PRIVACY -> "gradebook.suppressed.privacy";
      case TOO_FEW_FOR_EFFECT_SIZE -> "gradebook.suppressed.effect";
    };
  }

  /** One slope chart per scale and later wave with at least {@link Suppression#PRIVACY_MIN} paired learners. */
  static List<SlopeView> slopes(Cohort cohort) {
    List<SlopeView> out = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      for (boolean followUp : new boolean[] {false, true}) {
        List<SlopeChart.Point> points = new ArrayList<>();
        for (Cohort.Row r : cohort.rows()) {
          Cohort.ScaleCell c = r.scales().get(key);
          Cohort.Pair p = followUp ? c.toFollowUp() : c.toPost();
          if (p != null) {
            points.add(new SlopeChart.Point(r.name(), p.from(), p.to()));
          }
        }
        if (Suppression.forCohortFigures(points.size()) == Suppression.Reason.NONE) {
          int[] range = SlopeChart.range(points);
          out.add(new SlopeView(label(key), followUp ? "gradebook.summary.to.follow-up" : "gradebook.summary.to.post",
              SlopeChart.of(points, range[0], range[1])));
        }
      }
    }
    return out;
  }

  /** One histogram of best scores per scenario with at least five learners who completed it. */
  static List<HistogramView> histograms(Cohort cohort, ScenarioTexts texts) {
    Map<String, List<Double>> best = new LinkedHashMap<>();
    cohort.scenarioIds().forEach(id -> best.put(id, new ArrayList<>()));
    for (Cohort.Row r : cohort.rows()) {
      r.scenarios().forEach((id, c) -> {
        if (c.best() != null && best.containsKey(id)) {
          best.get(id).add(c.best());
        }
      });
    }
    List<HistogramView> out = new ArrayList<>();
    best.forEach((id, scores) -> {
      if (Suppression.forCohortFigures(scores.size()) == Suppression.Reason.NONE) {
        out.add(new HistogramView(id, texts.title(id), Histogram.of(scores)));
      }
    });
    return out;
  }

  /** A scale key {@code instrument/scale} shown as its scale id. */
  static String label(String scaleKey) {
    int slash = scaleKey.indexOf('/');
    return slash < 0 ? scaleKey : scaleKey.substring(slash + 1);
  }
}
