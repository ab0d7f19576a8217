package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.isafe.practice.gradebook.charts.Histogram;
import uk.isafe.practice.gradebook.charts.SlopeChart;
import uk.isafe.practice.gradebook.stats.ChangeReading;
import uk.isafe.practice.gradebook.stats.ChangeReading.Figure;
import uk.isafe.practice.gradebook.stats.Suppression;
import uk.isafe.practice.web.Messages;

/**
 * Turns a {@link Cohort} and its {@link CohortSummary} into what the templates show: the summary in words, the
 * statistics behind it with a line of explanation each, a one-line-per-learner table with sort links and their
 * {@code aria-sort} state, and chart geometry. Sentences are formatted here from the message bundle.
 */
final class CohortView {
  record Header(String sortKey, String label, String href, String ariaSort, boolean numeric) {
  }

  record Competency(String key, String percent) {
  }

  /**
   * One learner on one line: progress (status and activities done), changes per scale, the mean best score and a
   * one-word grade delivery status; details are on the learner page.
   */
  /** One scale's change in a learner's line; {@code sharedOnly}: compared on the questions two versions share. */
  record Change(String text, boolean sharedOnly) {
  }

  record RowView(long personId, String name, String status, String progress, List<Change> changes, String score,
      String delivery) {
  }

  /** A statistic, its value (or “–” and why) and what it means. */
  record Stat(String label, String value, String meaning) {
  }

  /** One scale: its questionnaire heading, the headline sentence and the statistics one click down. */
  record ScaleBlock(String title, String headline, List<Stat> stats) {
  }

  /** How many learners finished one activity of the course. */
  record ActivityLine(String title, String sentence) {
  }

  record SlopeView(String title, String caption, SlopeChart chart) {
  }

  record HistogramView(String title, String caption, Histogram chart) {
  }

  private CohortView() {
  }

  static List<ScaleBlock> scaleBlocks(CohortSummary summary, CourseContent content, Messages.Catalog m) {
    List<ScaleBlock> out = new ArrayList<>();
    for (CohortSummary.ScaleSummary s : summary.scales()) {
      ChangeReading r = s.change();
      Integer max = content.scaleMax(s.key());
      String outOf = max == null ? "" : m.get("gradebook.headline.outOf", max);
      List<Stat> stats = new ArrayList<>();
      stats.add(new Stat(m.get("gradebook.stat.n"), m.get("gradebook.stat.n.value", s.nPre(), s.nPost(), r.pairs()),
          m.get("gradebook.stat.n.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.before"), meanSd(r.before(), r.beforeSd(), m),
          m.get("gradebook.stat.before.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.after"), meanSd(r.after(), r.afterSd(), m),
          m.get("gradebook.stat.after.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.change"), withInterval(r.change(), r.changeLow(), r.changeHigh(), m),
          m.get("gradebook.stat.change.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.gav"), figure(r.gav(), false, m), m.get("gradebook.stat.gav.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.dav"), withInterval(r.dav(), r.davLow(), r.davHigh(), m),
          m.get("gradebook.stat.dav.meaning")));
      stats.add(new Stat(m.get("gradebook.stat.dz"), figure(r.dz(), false, m), m.get("gradebook.stat.dz.meaning")));
      String title = content.scaleTitle(s.key()) + (s.followUp() ? " (" + m.get("gradebook.summary.to.follow-up") + ")"
          : "") + (s.sharedOnly() ? " *" : "");
      out.add(new ScaleBlock(title, headline(r, outOf, m), stats));
    }
    return out;
  }

  /** The plain-English sentence for one scale’s change. */
  static String headline(ChangeReading r, String outOf, Messages.Catalog m) {
    if (r.direction() == ChangeReading.Direction.UNKNOWN) {
      return m.get("gradebook.headline.tooFew", r.pairs());
    }
    String before = one(r.before().value());
    String after = one(r.after().value());
    String size = sizePhrase(r, m);
    return switch (r.direction()) {
      case ROSE -> m.get("gradebook.headline.rose", r.rose(), r.pairs(), before, after, outOf, size);
      case FELL -> m.get("gradebook.headline.fell", r.fell(), r.pairs(), before, after, outOf, size);
      default -> m.get("gradebook.headline.same", r.rose(), r.pairs(), before, after, outOf, size, r.fell());
    };
  }

  static String sizePhrase(ChangeReading r, Messages.Catalog m) {
    if (r.size() == ChangeReading.Size.UNKNOWN) {
      Figure effect = r.gav().shown() ? r.gav() : r.dav();
      return m.get("gradebook.size.unknown", why(effect.why(), m));
    }
    Figure effect = r.gav().shown() ? r.gav() : r.dav();
    String words = m.get("gradebook.size." + r.size().name());
    if (!r.davLow().shown()) {
      return m.get("gradebook.size.value", words, Fmt.two(effect.value()));
    }
    String key = r.intervalIncludesNoChange() ? "gradebook.size.intervalZero" : "gradebook.size.interval";
    return m.get(key, words, Fmt.two(effect.value()), Fmt.two(r.davLow().value()), Fmt.two(r.davHigh().value()));
  }

  static String why(ChangeReading.Why why, Messages.Catalog m) {
    return m.get("gradebook.why." + why.name());
  }

  private static String figure(Figure f, boolean signed, Messages.Catalog m) {
    if (!f.shown()) {
      return m.get("gradebook.stat.undefined", Fmt.NONE, why(f.why(), m));
    }
    return signed ? Fmt.signed(f.value()) : Fmt.two(f.value());
  }

  private static String meanSd(Figure mean, Figure sd, Messages.Catalog m) {
    if (!mean.shown()) {
      return figure(mean, false, m);
    }
    return sd.shown() ? m.get("gradebook.stat.meanSd", Fmt.two(mean.value()), Fmt.two(sd.value()))
        : Fmt.two(mean.value());
  }

  private static String withInterval(Figure v, Figure low, Figure high, Messages.Catalog m) {
    if (!v.shown()) {
      return figure(v, false, m);
    }
    String value = Fmt.signed(v.value());
    return low.shown() ? m.get("gradebook.ci", value, Fmt.signed(low.value()), Fmt.signed(high.value())) : value;
  }

  private static String one(Double v) {
    return v == null ? Fmt.NONE : String.format(Locale.UK, "%.1f", v);
  }

  /** Per activity of the course, how many learners finished it. */
  static List<ActivityLine> activities(Cohort cohort, Messages.Catalog m) {
    List<ActivityLine> out = new ArrayList<>();
    for (int i = 0; i < cohort.activities().size(); i++) {
      out.add(new ActivityLine(activityTitle(cohort.activities().get(i), m),
          m.get("gradebook.activity.finished", cohort.finishedActivity(i), cohort.rows().size())));
    }
    return out;
  }

  /** An activity’s title; a questionnaire’s with its wave (“… (before the training)”). */
  static String activityTitle(CohortData.Activity a, Messages.Catalog m) {
    if (a.wave() == null) {
      return a.title();
    }
    String waveKey = "gradebook.activity.wave." + a.wave();
    return m.get("gradebook.activity.waveTitle", a.title(), m.has(waveKey) ? m.get(waveKey) : a.wave());
  }

  static List<Header> headers(Cohort cohort, CourseContent content, Messages.Catalog m, String base, String sort,
      boolean desc, String status) {
    List<Header> out = new ArrayList<>();
    out.add(header("name", m.get("gradebook.table.learner"), base, sort, desc, status, false));
    out.add(header("status", m.get("gradebook.table.progress"), base, sort, desc, status, false));
    for (String s : cohort.scaleKeys()) {
      out.add(header("change:" + s, m.get("gradebook.table.changeOf", content.scaleTitle(s)), base, sort, desc,
          status, true));
    }
    out.add(header("score", m.get("gradebook.table.score"), base, sort, desc, status, true));
    return out;
  }

  private static Header header(String key, String label, String base, String sort, boolean desc, String status,
      boolean numeric) {
    boolean active = key.equals(sort);
    boolean nextDesc = active && !desc;
    String href = base + "?sort=" + Fmt.enc(key) + "&dir=" + (nextDesc ? "desc" : "asc")
        + (status == null ? "" : "&status=" + Fmt.enc(status)) + "#learners";
    return new Header(key, label, href, active ? (desc ? "descending" : "ascending") : null, numeric);
  }

  /** The options of the sort menu: every sort key with its label. */
  static List<Header> sortOptions(Cohort cohort, CourseContent content, Messages.Catalog m) {
    List<Header> out = new ArrayList<>();
    for (String key : cohort.sortKeys()) {
      int colon = key.indexOf(':');
      String kind = colon < 0 ? key : key.substring(0, colon);
      String arg = colon < 0 ? null : kind.equals("scenario") ? content.texts().title(key.substring(colon + 1))
          : content.scaleTitle(key.substring(colon + 1));
      out.add(new Header(key, arg == null ? m.get("gradebook.sort." + kind) : m.get("gradebook.sort." + kind, arg),
          null, null, false));
    }
    return out;
  }

  static List<RowView> rows(Cohort cohort, List<Cohort.Row> rows, Messages.Catalog m) {
    Map<String, String> labels = new LinkedHashMap<>();
    int total = cohort.activities().size();
    List<RowView> out = new ArrayList<>(rows.size());
    for (Cohort.Row r : rows) {
      List<Change> changes = new ArrayList<>();
      for (String key : cohort.scaleKeys()) {
        Cohort.ScaleCell c = r.scales().get(key);
        String cell = Fmt.signed(c.change());
        if (c.followUpChange() != null || c.followUp() != null) {
          cell += " " + m.get("gradebook.table.followUp") + " " + Fmt.signed(c.followUpChange());
        }
        changes.add(new Change(cell, c.sharedOnly()));
      }
      String status = r.status().key();
      String progress = labels.computeIfAbsent(status + "." + r.activitiesDone(), k -> total == 0
          ? m.get("gradebook.status." + status)
          : m.get("gradebook.table.progressValue", m.get("gradebook.status." + status), r.activitiesDone(), total));
      String delivery = labels.computeIfAbsent("delivery." + r.delivery(),
          k -> m.get("gradebook.delivery.short." + (r.delivery() == null ? "unknown" : r.delivery())));
      out.add(new RowView(r.personId(), r.name(), status, progress, changes, Fmt.score(r.meanBest()), delivery));
    }
    return out;
  }

  /** One slope chart per scale with at least {@link Suppression#PRIVACY_MIN} paired learners. */
  static List<SlopeView> slopes(Cohort cohort, CourseContent content, Messages.Catalog m) {
    List<SlopeView> out = new ArrayList<>();
    for (String key : cohort.scaleKeys()) {
      List<SlopeChart.Point> points = new ArrayList<>();
      for (Cohort.Row r : cohort.rows()) {
        Cohort.ScaleCell c = r.scales().get(key);
        if (c.change() != null) {
          points.add(new SlopeChart.Point(r.name(), c.pre(), c.post()));
        }
      }
      if (Suppression.forCohortFigures(points.size()) == Suppression.Reason.NONE) {
        int[] range = SlopeChart.range(points);
        SlopeChart chart = SlopeChart.of(points, range[0], range[1]);
        out.add(new SlopeView(m.get("gradebook.slope.title", content.scaleTitle(key)),
            m.get("gradebook.slope.caption", chart.rises(), chart.falls(), chart.same()), chart));
      }
    }
    return out;
  }

  /** Learners’ mean best scenario score, as one histogram (shown from five learners with a completed scenario). */
  static HistogramView scoreHistogram(Cohort cohort, Messages.Catalog m) {
    List<Double> means = new ArrayList<>();
    cohort.rows().forEach(r -> {
      if (r.meanBest() != null) {
        means.add(r.meanBest());
      }
    });
    if (Suppression.forCohortFigures(means.size()) != Suppression.Reason.NONE) {
      return null;
    }
    return new HistogramView(m.get("gradebook.hist.overallTitle"), m.get("gradebook.hist.overallCaption",
        means.size()), Histogram.of(means));
  }

  /** One histogram of best scores per scenario with at least five learners who completed it. */
  static List<HistogramView> histograms(Cohort cohort, CourseContent content, Messages.Catalog m) {
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
        out.add(new HistogramView(m.get("gradebook.hist.title", content.texts().title(id)),
            m.get("gradebook.hist.caption", scores.size()), Histogram.of(scores)));
      }
    });
    return out;
  }
}
