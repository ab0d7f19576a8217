package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.assessment.scoring.Answered;
import uk.isafe.practice.assessment.scoring.WaveChange;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Messages;

/**
 * A completed wave: the learner's own answers, read-only, shown under the version of the questionnaire they were
 * given to; after post and after the follow-up, their change since pre as an SVG chart with its text equivalent (a
 * table and a sentence per scale), on the same items at both waves (only shared items across versions, and the page
 * says so). The retrospective block is reported beside the pre score, never in its place.
 */
final class CompletedPage {
  private static final Set<String> RESULTS = Set.of(WaveCompletion.QUEUED, WaveCompletion.NOT_SENT,
      WaveCompletion.INCOMPLETE);
  private final Core core;
  private final ResponseRepository responses;
  private final Supplier<AssessmentContent> content;

  CompletedPage(Core core, ResponseRepository responses, Supplier<AssessmentContent> content) {
    this.core = core;
    this.responses = responses;
    this.content = content;
  }

  /** One table row and sentence of the change view. */
  record ChangeRow(String title, String pre, String post, String difference, String retrospective, String sentence) {
  }

  Future<Void> render(RoutingContext ctx, WaveRoutes.Target t, ResponseRow row, Optional<ResponseRow> pre) {
    LaunchContext launch = SessionHandler.current(ctx);
    String wave = t.wave().id();
    boolean later = !Wave.PRE.equals(wave);
    /* the version these answers were given to: an earlier one stays readable */
    Optional<Answered> mine = Comparisons.answered(content.get().instruments(), t.instrument().id(), row);
    Instrument shown = mine.map(Answered::instrument).orElse(t.instrument());
    Wave shownWave = mine.map(Answered::wave).orElse(t.wave());
    Optional<Answered> before = pre.filter(ResponseRow::completed)
        .flatMap(p -> Comparisons.answered(content.get().instruments(), t.instrument().id(), p));
    return responses.scores(core.pool(), row.id()).compose(scores -> {
      Map<String, Object> model = new HashMap<>();
      model.put("instrument", shown);
      model.put("wave", wave);
      String result = ctx.request().getParam("result");
      if (result != null && RESULTS.contains(result)) {
        model.put("result", result);
      }
      Optional<Scale> confidence = shown.confidenceScale();
      boolean confidenceIncomplete = confidence.isPresent() && scores.stream()
          .anyMatch(s -> s.scaleId().equals(confidence.get().id()) && !s.retrospective() && !s.complete());
      model.put("confidenceIncomplete", confidenceIncomplete);
      model.put("sections", WaveViews.answered(shown, shown.sections(shownWave), row.answers(),
          row.retrospectiveAnswers()));
      launch.custom("activity").filter(a -> a.startsWith("pathway:"))
          .ifPresent(a -> model.put("pathwayPath", "/pathway/" + a.substring("pathway:".length())));
      model.put("later", later);
      if (Wave.POST.equals(wave) && row.completedAt() != null) {
        t.instrument().wave(Wave.FOLLOW_UP).ifPresent(f -> model.put("followUpOpensOn", WaveViews.date(
            uk.isafe.practice.assessment.instrument.FollowUpSchedule.opensOn(row.completedAt().toInstant(), f),
            core.pages().catalog(ctx))));
      }
      if (later && mine.isPresent()) {
        model.put("hasPre", before.isPresent());
        addChange(ctx, model, wave, WaveChange.between(before, mine.get()), shown);
      }
      return core.pages().render(ctx, "assessment/completed", model);
    });
  }

  private void addChange(RoutingContext ctx, Map<String, Object> model, String wave, List<WaveChange> changes,
      Instrument instrument) {
    Messages.Catalog m = core.pages().catalog(ctx);
    boolean followUp = Wave.FOLLOW_UP.equals(wave);
    String suffix = followUp ? ".follow-up" : "";
    List<ChangeRow> rows = new ArrayList<>();
    List<ChangeChart.Entry> entries = new ArrayList<>();
    List<String> retrospectiveSentences = new ArrayList<>();
    for (WaveChange c : changes) {
      Scale scale = instrument.scale(c.scaleId()).orElseThrow();
      String preText = WaveViews.number(c.from());
      String postText = WaveViews.number(c.to());
      String diff = c.difference().isPresent() ? signed(c.difference().getAsDouble()) : null;
      String retro = WaveViews.number(c.retrospective());
      rows.add(new ChangeRow(scale.title(), preText, postText, diff, retro,
          sentence(m, suffix, scale, preText, postText)));
      entries.add(new ChangeChart.Entry(scale.title(), scale.max(), c.from(),
          label(m, "assessment.chart.before", c.from(), scale.max()), c.to(),
          label(m, followUp ? "assessment.chart.followUp" : "assessment.chart.after", c.to(), scale.max())));
      if (retro != null) {
        retrospectiveSentences.add(m.get("assessment.retrospective.sentence", scale.title(), retro, scale.max(),
            preText == null ? m.get("assessment.retrospective.noPre") : preText));
      }
    }
    model.put("changes", rows);
    model.put("chart", ChangeChart.of(entries));
    model.put("retrospectiveSentences", retrospectiveSentences);
    model.put("sharedOnly", WaveChange.anySharedOnly(changes));
    model.put("changeHeading", m.get("assessment.change.heading" + suffix));
    model.put("noPreText", m.get("assessment.change.noPreAtAll" + suffix));
    model.put("chartTitle", m.get("assessment.chart.title" + suffix));
    model.put("chartCaption", m.get("assessment.chart.caption" + suffix));
    model.put("laterColumn", m.get(followUp ? "assessment.table.followUp" : "assessment.table.after"));
  }

  private static String label(Messages.Catalog m, String key, OptionalDouble mean, int max) {
    return mean.isPresent() ? m.get(key, WaveViews.number(mean), max) : m.get(key + ".none");
  }

  private static String sentence(Messages.Catalog m, String suffix, Scale scale, String pre, String post) {
    if (post == null) {
      return m.get("assessment.change.noPost" + suffix, scale.title());
    }
    if (pre == null) {
      return m.get("assessment.change.noPre" + suffix, scale.title(), post, scale.max());
    }
    int cmp = Double.compare(Double.parseDouble(post), Double.parseDouble(pre));
    String key = cmp > 0 ? "assessment.change.rose" : cmp < 0 ? "assessment.change.fell" : "assessment.change.same";
    return m.get(key + suffix, scale.title(), pre, post, scale.max());
  }

  private static String signed(double d) {
    String n = WaveViews.number(Math.abs(d));
    if (n.equals("0.0")) {
      return "0.0";
    }
    return (d > 0 ? "+" : "−") + n;
  }
}
